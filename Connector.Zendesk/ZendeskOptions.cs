namespace Connector.Zendesk;

/// <summary>
/// Configuration section <c>Crm:Zendesk</c>. Authentication is an API token (<see cref="Email"/> and
/// <see cref="ApiToken"/>, sent as <c>{email}/token:{token}</c> basic), an OAuth refresh token exchanged at
/// <c>/oauth/tokens</c> (<see cref="OAuthClientId"/>, <see cref="OAuthClientSecret"/>, <see cref="OAuthRefreshToken"/>),
/// or a long-lived OAuth access token (<see cref="OAuthAccessToken"/>).
/// </summary>
public sealed class ZendeskOptions
{
    public const string Section = "Crm:Zendesk";

    /// <summary>The account's subdomain: <c>acme</c> for <c>https://acme.zendesk.com</c>.</summary>
    public string? Subdomain { get; set; }

    /// <summary>The account's base URL when it is not <c>https://{Subdomain}.zendesk.com/</c> (a host-mapped domain, a test server).</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The agent or admin the API token acts as.</summary>
    public string? Email { get; set; }

    public string? ApiToken { get; set; }

    public string? OAuthAccessToken { get; set; }

    public string? OAuthClientId { get; set; }

    public string? OAuthClientSecret { get; set; }

    public string? OAuthRefreshToken { get; set; }

    /// <summary>Where refresh tokens are exchanged; <c>{BaseUrl}/oauth/tokens</c> when unset.</summary>
    public Uri? OAuthTokenUrl { get; set; }

    /// <summary>The pinned API version; Zendesk Support has one, <c>v2</c>.</summary>
    public string ApiVersion { get; set; } = "v2";

    /// <summary>
    /// Region for stored phone numbers written without a country code (re-check after search), e.g. <c>US</c>;
    /// unset, <c>Identity:DefaultRegion</c> is used.
    /// </summary>
    public string? DefaultRegion { get; set; }

    /// <summary>Tags every ticket the connector opens carries, so views and triggers can pick them out.</summary>
    public string[] TicketTags { get; set; } = ["contact_centre"];

    /// <summary>Zendesk's upload limit is 50 MB; larger files are refused by the adapter with that reason.</summary>
    public long MaxUploadBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>
    /// The account has Talk Partner Edition: a call that opens its conversation's ticket opens it through
    /// <c>/api/v2/channels/voice/tickets</c> (a voice ticket, via inbound or outbound call) instead of <c>/tickets</c>.
    /// </summary>
    public bool TalkPartnerEdition { get; set; }

    /// <summary>How long to wait between two reads of a create_many / update_many job's status.</summary>
    public TimeSpan JobPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A job not done after this long is given up (the interactions are retried; nothing is lost).</summary>
    public TimeSpan JobTimeout { get; set; } = TimeSpan.FromMinutes(2);

    internal Uri AccountUrl => BaseUrl ?? new Uri($"https://{Subdomain}.zendesk.com/");

    internal Uri TokenUrl => OAuthTokenUrl ?? new Uri(AccountUrl, "oauth/tokens");

    internal ZendeskAuthMode AuthMode =>
        !string.IsNullOrWhiteSpace(ApiToken) ? ZendeskAuthMode.ApiToken
        : !string.IsNullOrWhiteSpace(OAuthRefreshToken) ? ZendeskAuthMode.OAuthRefresh
        : !string.IsNullOrWhiteSpace(OAuthAccessToken) ? ZendeskAuthMode.OAuthBearer
        : ZendeskAuthMode.None;
}
