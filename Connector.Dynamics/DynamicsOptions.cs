namespace Connector.Dynamics;

/// <summary>
/// Configuration section <c>Crm:Dynamics</c>. Authentication is Entra ID client credentials: with a certificate when
/// <see cref="CertificatePath"/> is set, else with <see cref="ClientSecret"/>.
/// </summary>
public sealed class DynamicsOptions
{
    public const string Section = "Crm:Dynamics";

    /// <summary>The environment, e.g. <c>https://contoso.crm.dynamics.com</c> (the Web API lives under <c>/api/data/{ApiVersion}/</c>).</summary>
    public Uri? OrganizationUrl { get; set; }

    /// <summary>Where tokens come from: <c>https://login.microsoftonline.com</c> (sovereign clouds have their own host).</summary>
    public Uri AuthorityHost { get; set; } = new("https://login.microsoftonline.com");

    /// <summary>The Entra ID tenant (directory) id or domain.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>The app registration's application (client) id.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>A client secret of the app registration (when no certificate is configured).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>PEM file holding the certificate uploaded to the app registration, and its private key unless <see cref="CertificateKeyPath"/> is set.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM file with the certificate's private key, when it is kept apart from the certificate.</summary>
    public string? CertificateKeyPath { get; set; }

    /// <summary>The token's scope; unset, <c>{OrganizationUrl}/.default</c>.</summary>
    public string? Scope { get; set; }

    /// <summary>The pinned Web API version.</summary>
    public string ApiVersion { get; set; } = "v9.2";

    /// <summary>
    /// The agent's Entra ID object id is not known per activity, so this is a fixed user to act as (<c>CallerObjectId</c>
    /// header): activities then show that user as their author. Needs the "act on behalf of another user" privilege.
    /// </summary>
    public Guid? CallerObjectId { get; set; }

    /// <summary>
    /// Optional text column (on contact, phonecall, task, email, incident) that receives the connector's idempotency
    /// key, so an admin can find what the connector wrote. Ids are deterministic without it.
    /// </summary>
    public string? KeyColumn { get; set; }

    /// <summary>The activity table chats and WhatsApp conversations become: <c>task</c>, or a custom activity table such as <c>cc_messagingsession</c>.</summary>
    public string MessagingActivityTable { get; set; } = "task";

    /// <summary>The entity set of <see cref="MessagingActivityTable"/>; unset, the table name plus <c>s</c>.</summary>
    public string? MessagingActivitySet { get; set; }

    /// <summary>Region for stored phone numbers written without a country code; unset, <c>Identity:DefaultRegion</c>.</summary>
    public string? DefaultRegion { get; set; }

    /// <summary>Files up to this size go base64 in one request (or one batch); larger ones in blocks.</summary>
    public long InlineFileMaxBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The org's maximum file size for notes (System Settings, 5 MB by default, up to 128 MB); larger recordings are linked, not uploaded.</summary>
    public long MaxUploadBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Block size of a chunked upload (Dataverse takes at most 4 MB per block).</summary>
    public int BlockBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Where a recording too large for the org can be fetched; the note links <c>{RecordingLinkBase}/{file name}</c>.</summary>
    public Uri? RecordingLinkBase { get; set; }

    /// <summary>Requests in flight at once, kept under the service protection limit of 52 concurrent requests per user.</summary>
    public int MaxConcurrentRequests { get; set; } = 8;

    /// <summary>Interactions per <c>$batch</c> (Microsoft advises starting around 10 changes per batch; a batch takes at most 1000 requests).</summary>
    public int InteractionsPerBatch { get; set; } = 25;

    internal bool UsesCertificate => !string.IsNullOrWhiteSpace(CertificatePath);

    internal string TokenScope => Scope is { Length: > 0 } scope ? scope : $"{OrganizationUrl!.GetLeftPart(UriPartial.Authority)}/.default";

    internal string MessagingSet => MessagingActivitySet is { Length: > 0 } set ? set : MessagingActivityTable + "s";
}
