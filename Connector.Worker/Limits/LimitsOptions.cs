namespace Connector.Worker.Limits;

/// <summary>
/// <c>Limits</c>: how much the public surfaces take. Anonymous endpoints that cost something (a chat session makes
/// an ACS identity and a thread; a sign-in checks a password hash) are rate limited per client address; every
/// request body has a size limit, the webhooks' being <c>Acs:WebhookMaxBodyBytes</c>.
/// </summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary><c>POST /api/chat/sessions</c> per client address.</summary>
    public RateLimit ChatSessions { get; set; } = new() { PermitsPerMinute = 10 };

    /// <summary>
    /// <c>POST /api/chat/sessions</c> naming one phone number or email address (claimed, whatever the client address);
    /// more get 429 problem+json naming the field.
    /// </summary>
    public int ChatSessionsPerClaimedIdentityPerHour { get; set; } = 10;

    /// <summary>The sign-in form posts (<c>/signin</c>, <c>/setup</c>, <c>/signin/handoff</c>) per client address.</summary>
    public RateLimit SignIn { get; set; } = new() { PermitsPerMinute = 30 };

    /// <summary>The largest request body any endpoint takes unless it names its own (Kestrel's limit); API bodies are small JSON.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;
}

public sealed class RateLimit
{
    /// <summary>Requests one client address may make in a minute; the next ones get 429 with Retry-After.</summary>
    public int PermitsPerMinute { get; set; }
}
