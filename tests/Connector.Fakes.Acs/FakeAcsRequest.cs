using System.Text;

namespace Connector.Worker.Tests.Fakes.Acs;

/// <summary>One request the fake received, as received (raw target, headers, body bytes), and the status it answered.</summary>
public sealed class FakeAcsRequest
{
    public required string Method { get; init; }

    /// <summary>The request target exactly as sent (path and query, still percent-encoded).</summary>
    public required string Target { get; init; }

    /// <summary>The decoded path, without the query.</summary>
    public required string Path { get; init; }

    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public required byte[] Body { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public int StatusCode { get; internal set; }

    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public override string ToString() => $"{Method} {Target} → {StatusCode}";
}
