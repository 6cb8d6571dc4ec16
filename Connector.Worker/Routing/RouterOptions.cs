namespace Connector.Worker.Routing;

/// <summary>Configuration section <c>Router</c>.</summary>
public sealed class RouterOptions
{
    public const string Section = "Router";

    /// <summary>How often the deciding Worker reads new work and agent actions and fires time-outs.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How many times deciding one task may fail (within ten minutes) before it is quarantined.</summary>
    public int QuarantineAfterFailures { get; set; } = 3;
}
