namespace Connector.Worker.Acs;

/// <summary>Configuration section <c>Acs:Email</c>.</summary>
public sealed class AcsEmailOptions
{
    /// <summary>The MailFrom address of a verified domain, e.g. <c>DoNotReply@&lt;guid&gt;.azurecomm.net</c>.</summary>
    public string? SenderAddress { get; set; }

    /// <summary>How long to wait between status polls when the service sends no <c>retry-after</c>.</summary>
    public TimeSpan DefaultPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A send operation still not finished this long after the reply was queued is given up: the reply is marked failed.</summary>
    public TimeSpan SendStatusTimeout { get; set; } = TimeSpan.FromHours(1);
}
