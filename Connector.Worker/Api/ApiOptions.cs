namespace Connector.Worker.Api;

/// <summary>Configuration section <c>Api</c>.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>
    /// The bootstrap admin key that service-to-service callers send as <c>X-Api-Key</c>; admins issue further,
    /// named keys with <c>POST /api/keys</c>.
    /// </summary>
    public string? AdminKey { get; set; }

    /// <summary>
    /// Development only: an anonymous caller on this machine is an admin (for trying the API with curl). Refused
    /// at start unless every address the Worker listens on is loopback.
    /// </summary>
    public bool DevelopmentLoopbackAdmin { get; set; }

    /// <summary>
    /// The reverse proxies (addresses, or networks as <c>10.0.0.0/8</c>) whose <c>X-Forwarded-For</c> and
    /// <c>X-Forwarded-Proto</c> are believed when forwarded headers are on (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>).
    /// Empty: loopback only, ASP.NET Core's own default. A header from anyone else is ignored.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];
}
