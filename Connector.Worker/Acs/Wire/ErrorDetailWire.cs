namespace Connector.Worker.Acs.Wire;

/// <summary><c>{"code","message"}</c> of an ACS error.</summary>
internal sealed record ErrorDetailWire(string? Code, string? Message);
