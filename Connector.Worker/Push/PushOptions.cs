namespace Connector.Worker.Push;

/// <summary>Configuration section <c>SignalR</c>: how messages reach agents and supervisors (<c>/hubs/agent</c>).</summary>
public sealed class PushOptions
{
    public const string Section = "SignalR";

    /// <summary>
    /// A StackExchange.Redis connection string: the backplane between Workers (SignalR's and the journal feed's). Without
    /// it and without Azure, connections are served in-process (and Workers sharing PostgreSQL pass entries by NOTIFY).
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>An Azure SignalR Service connection string (<c>Endpoint=https://…;AccessKey=…;Version=1.0;</c>): clients connect to the service.</summary>
    public string? AzureConnectionString { get; set; }

    /// <summary>How long a message stays in the journal for a client that has not come back.</summary>
    public TimeSpan JournalRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long a message a client acknowledged stays (for the same person's other tabs and devices).</summary>
    public TimeSpan AckedRetention { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the acknowledgements gathered since the last write are written, in one statement.</summary>
    public TimeSpan AckWriteInterval { get; set; } = TimeSpan.FromSeconds(1);
}
