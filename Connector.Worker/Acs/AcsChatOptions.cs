namespace Connector.Worker.Acs;

/// <summary>Configuration section <c>Acs:Chat</c>.</summary>
public sealed class AcsChatOptions
{
    /// <summary>The connector's own chat identity, when set by hand; messages it sent are not the customer's.</summary>
    public string? ServiceUserId { get; set; }
}
