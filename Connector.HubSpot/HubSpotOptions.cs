namespace Connector.HubSpot;

/// <summary>
/// Configuration section <c>Crm:HubSpot</c>. Authentication is a private-app (static) access token when
/// <see cref="AccessToken"/> is set, else OAuth with <see cref="ClientId"/>, <see cref="ClientSecret"/> and a
/// <see cref="RefreshToken"/> from the app's install.
/// </summary>
public sealed class HubSpotOptions
{
    public const string Section = "Crm:HubSpot";

    /// <summary>The API host; the CRM v3/v4 and Files v3 paths are pinned under it.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.hubapi.com");

    /// <summary>Where OAuth tokens are refreshed; unset, <c>{BaseUrl}/oauth/v1/token</c>.</summary>
    public Uri? TokenUrl { get; set; }

    /// <summary>A private app's (or service key's) access token: sent as it is, never refreshed.</summary>
    public string? AccessToken { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The refresh token the app received when the account installed it (OAuth).</summary>
    public string? RefreshToken { get; set; }

    /// <summary>An OAuth access token is refreshed this long before its <c>expires_in</c> runs out, not on a 401.</summary>
    public TimeSpan RefreshAhead { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The custom property (unique values) on calls, communications, notes, emails and tickets that holds the
    /// connector's idempotency key: every write is a batch upsert on it, so a replay writes nothing twice.
    /// </summary>
    public string KeyProperty { get; set; } = "connector_key";

    /// <summary>The custom property (unique values) on contacts holding the connector's customer id.</summary>
    public string CustomerIdProperty { get; set; } = "connector_customer_id";

    /// <summary>The ticket pipeline new tickets go to (<c>GET /crm/v3/pipelines/tickets</c>; <c>0</c> is the default support pipeline).</summary>
    public string TicketPipeline { get; set; } = "0";

    /// <summary>The stage of an open ticket (<c>1</c>: New in the default pipeline).</summary>
    public string TicketOpenStage { get; set; } = "1";

    /// <summary>The stage a ticket whose status is Closed moves to (<c>4</c>: Closed in the default pipeline).</summary>
    public string TicketClosedStage { get; set; } = "4";

    /// <summary>The File Manager folder transcripts and recordings are uploaded to (private access).</summary>
    public string FilesFolderPath { get; set; } = "/contact-centre";

    /// <summary>How long the signed link in a call's <c>hs_call_recording_url</c> plays the recording.</summary>
    public TimeSpan RecordingLinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Region for the account's stored phone numbers written without a country code (the re-check after search),
    /// e.g. <c>GB</c>; unset, <c>Identity:DefaultRegion</c> is used.
    /// </summary>
    public string? DefaultRegion { get; set; }

    /// <summary>The ten-second budget assumed until HubSpot's <c>X-HubSpot-RateLimit-Max</c> says otherwise (100 on Free/Starter).</summary>
    public int RequestsPerInterval { get; set; } = 100;

    /// <summary>The rolling interval of that budget until <c>X-HubSpot-RateLimit-Interval-Milliseconds</c> says otherwise.</summary>
    public TimeSpan RateLimitInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The CRM search endpoint's own, lower rate (it sends no rate headers).</summary>
    public int SearchRequestsPerSecond { get; set; } = 4;

    /// <summary>Transcripts and recordings uploaded at once while a batch is written.</summary>
    public int ParallelUploads { get; set; } = 4;

    internal bool UsesPrivateAppToken => !string.IsNullOrWhiteSpace(AccessToken);

    internal Uri EffectiveTokenUrl => TokenUrl ?? new Uri(BaseUrl, "/oauth/v1/token");
}
