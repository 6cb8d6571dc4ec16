namespace Connector.Worker.Acs.Wire;

/// <summary><c>{"id":"8:acs:…"}</c>: an ACS user.</summary>
internal sealed record CommunicationUserWire(string? Id);
