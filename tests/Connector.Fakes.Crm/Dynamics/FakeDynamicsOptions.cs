using System.Security.Cryptography.X509Certificates;

namespace Connector.Fakes.Crm.Dynamics;

/// <summary>The fake environment's app registration, custom column and limits.</summary>
public sealed record FakeDynamicsOptions
{
    public string TenantId { get; init; } = "0b0f7c2e-3c8a-4f4e-9d1e-2a6b5c4d3e21";

    public string ClientId { get; init; } = "7d4b1f0a-5e2c-4a8b-9c3d-1e2f3a4b5c6d";

    public string ClientSecret { get; init; } = "fake~dataverse~secret.0123456789";

    /// <summary>A certificate uploaded to the app registration (its public part), for certificate-based client credentials.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>The custom text column the connector's solution adds to contact, phonecall, task, email and incident.</summary>
    public string KeyColumn { get; init; } = "cc_connectorkey";

    /// <summary>A custom activity table (IsActivity) the connector's solution may ship, e.g. <c>cc_messagingsession</c>; none by default.</summary>
    public string? CustomActivityTable { get; init; }

    /// <summary>Seconds in the Retry-After of a service-protection 429.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Concurrent requests per user beyond which Dataverse answers 429 at once (52 in the documentation).</summary>
    public int ConcurrencyLimit { get; init; } = 52;

    /// <summary>The org's maximum file size for notes (5 MB by default).</summary>
    public long MaxUploadBytes { get; init; } = 5 * 1024 * 1024;

    /// <summary>How long each API request takes, so concurrency can be seen.</summary>
    public TimeSpan ResponseDelay { get; init; } = TimeSpan.Zero;

    /// <summary>Token lifetime in the token endpoint's answer (expires_in).</summary>
    public int TokenLifetimeSeconds { get; init; } = 3599;
}
