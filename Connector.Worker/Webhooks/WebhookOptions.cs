namespace Connector.Worker.Webhooks;

/// <summary>The webhook settings of section <c>Acs</c>.</summary>
public sealed class WebhookOptions
{
    /// <summary><c>Acs:WebhookKey</c>: the <c>?key=</c> every Event Grid subscription and call callback URL carries.</summary>
    public string? WebhookKey { get; set; }

    /// <summary><c>Acs:WebhookMaxBodyBytes</c>: Event Grid delivers at most 1 MB per event or batch.</summary>
    public int WebhookMaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary><c>Acs:Chat:ServiceUserId</c> is read separately: messages from the connector's own identity are dropped.</summary>
    public const string ServiceUserIdKey = "Acs:Chat:ServiceUserId";
}
