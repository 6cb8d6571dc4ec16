namespace Connector.Fakes.Crm.Zendesk;

/// <summary>The fake account's credentials and limits.</summary>
public sealed record FakeZendeskOptions
{
    /// <summary>The admin the API token acts as (also the agent tests name).</summary>
    public string AdminEmail { get; init; } = "integration@contoso.example";

    public string ApiToken { get; init; } = "fake-api-token-3f1c";

    public string OAuthClientId { get; init; } = "connector_app";

    public string OAuthClientSecret { get; init; } = "fake-oauth-secret-91d2";

    public string OAuthRefreshToken { get; init; } = "fake-refresh-token-77aa";

    /// <summary>Seconds an issued access token lasts (<c>expires_in</c>).</summary>
    public int AccessTokenLifetimeSeconds { get; init; } = 172_800;

    /// <summary>The account's API requests per minute (Enterprise: 700), reported in X-Rate-Limit.</summary>
    public int RequestsPerMinute { get; init; } = 700;

    /// <summary>Updates to one user per minute before Zendesk answers its per-user 429.</summary>
    public int UserUpdatesPerMinute { get; init; } = 5;

    /// <summary>Comments a ticket holds at most.</summary>
    public int MaxCommentsPerTicket { get; init; } = 5000;

    /// <summary>Largest upload accepted (50 MB).</summary>
    public long MaxUploadBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>Whether the account has Talk Partner Edition (the <c>channels/voice</c> endpoints); without it they are refused.</summary>
    public bool TalkPartnerEdition { get; init; }

    /// <summary>Items a create_many / update_many / create_or_update_many accepts.</summary>
    public int MaxBatchItems { get; init; } = 100;
}
