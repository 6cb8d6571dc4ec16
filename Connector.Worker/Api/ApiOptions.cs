namespace Connector.Worker.Api;

/// <summary>Configuration section <c>Api</c>.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>
    /// The key service-to-service callers send as <c>X-Api-Key</c>. Without one, the admin API and the
    /// dashboard answer loopback callers only.
    /// </summary>
    public string? AdminKey { get; set; }
}
