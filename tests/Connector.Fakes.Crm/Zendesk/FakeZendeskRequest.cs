namespace Connector.Fakes.Crm.Zendesk;

/// <summary>One request the fake received, as the tests inspect it.</summary>
public sealed class FakeZendeskRequest
{
    public required string Method { get; init; }

    /// <summary>The path without <c>.json</c> (<c>/api/v2/tickets/12</c>).</summary>
    public required string Path { get; init; }

    public required string Target { get; init; }

    public required byte[] Body { get; init; }

    public int StatusCode { get; set; }

    /// <summary>Counted against the account's limit (every <c>/api/v2</c> call; token exchanges are not).</summary>
    public bool IsApiCall => Path.StartsWith("/api/v2/", StringComparison.Ordinal);

    public bool IsTokenRequest => Path == "/oauth/tokens";
}
