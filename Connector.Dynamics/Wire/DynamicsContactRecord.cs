namespace Connector.Dynamics.Wire;

/// <summary>A contact as a search returns it: its phones and emails as stored (free text).</summary>
internal sealed record DynamicsContactRecord(string Id, string? Name, IReadOnlyList<string> Phones, IReadOnlyList<string> Emails);
