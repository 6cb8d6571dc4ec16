namespace Connector.Fakes.Crm.HubSpot;

/// <summary>A request the fake received, and how it answered.</summary>
public sealed class FakeHubSpotRequest
{
    public required string Method { get; init; }

    public required string Path { get; init; }

    public required string Query { get; init; }

    public required byte[] Body { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public int StatusCode { get; set; }

    /// <summary>Counted against the app's limits (every authenticated API call; not the token endpoint nor signed links).</summary>
    public bool IsApiCall { get; set; }

    public bool IsSearch => Path.EndsWith("/search", StringComparison.Ordinal);

    public bool IsToken => Path.StartsWith("/oauth/", StringComparison.Ordinal);
}
