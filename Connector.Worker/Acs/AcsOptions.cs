namespace Connector.Worker.Acs;

/// <summary>Configuration section <c>Acs</c>: the one ACS resource this deployment talks to.</summary>
public sealed class AcsOptions
{
    public const string Section = "Acs";

    /// <summary><c>endpoint=https://….communication.azure.com/;accesskey=…</c>. Absent: the Worker runs without ACS.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The secret that Event Grid and Call Automation callbacks carry as <c>?key=</c>; new callback URLs use it.</summary>
    public string? WebhookKey { get; set; }

    /// <summary>
    /// While a key is rotated: the key the Event Grid subscription and calls in progress still carry, accepted beside
    /// <see cref="WebhookKey"/> until it is removed. Set the new key as WebhookKey and the old one here, update the
    /// subscription, then remove this.
    /// </summary>
    public string? PreviousWebhookKey { get; set; }

    /// <summary>Event Grid delivers at most 1 MB per event or batch; larger deliveries are refused with 413.</summary>
    public int WebhookMaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The hosts recordings and media may be fetched from besides the resource's endpoint (<see cref="AcsFileHosts"/>):
    /// hosts, <c>*.domain</c> wildcards or host:port. Empty: <c>*.asm.skype.com</c>, where ACS keeps recordings.
    /// </summary>
    public List<string> FileHosts { get; set; } = [];

    public AcsChatOptions Chat { get; set; } = new();

    /// <summary>The public base URL ACS calls back on (Call Automation <c>callbackUri</c> is built from it).</summary>
    public string? CallbackBaseUrl { get; set; }

    public AcsWhatsAppOptions WhatsApp { get; set; } = new();

    public AcsEmailOptions Email { get; set; } = new();

    /// <summary>The api-version sent to each ACS API; pinned so that a service upgrade never changes the wire format under us.</summary>
    public AcsApiVersionOptions ApiVersions { get; set; } = new();
}
