namespace Connector.Fakes.Crm.Dynamics;

/// <summary>A request the fake received (a whole <c>$batch</c> is one), with its answer's status.</summary>
public sealed class FakeDynamicsRequest
{
    public required string Method { get; init; }

    /// <summary>The raw target as sent (path and query, not decoded).</summary>
    public required string Target { get; init; }

    public required string Path { get; init; }

    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public required byte[] Body { get; init; }

    public bool IsToken => Path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal);

    public bool IsBatch => Path.EndsWith("/$batch", StringComparison.Ordinal);

    public int StatusCode { get; set; }
}
