namespace Connector.Fakes.Crm.Salesforce;

/// <summary>One HTTP request the fake received, and how it answered.</summary>
public sealed class FakeSalesforceRequest
{
    public required string Method { get; init; }

    /// <summary>Path and query as sent.</summary>
    public required string Target { get; init; }

    public required string Path { get; init; }

    public required FakeSalesforceRequestKind Kind { get; init; }

    public required byte[] Body { get; init; }

    public int StatusCode { get; internal set; }

    /// <summary>Counted against the org's API allocation (everything but the token endpoint).</summary>
    public bool IsApiCall => Kind != FakeSalesforceRequestKind.Token;

    public override string ToString() => $"{Method} {Target} → {StatusCode}";
}
