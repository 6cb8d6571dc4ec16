namespace Connector.Worker.Acs.Wire;

/// <summary><c>{"address","displayName"}</c>.</summary>
internal sealed record EmailAddressWire(string Address, string? DisplayName);
