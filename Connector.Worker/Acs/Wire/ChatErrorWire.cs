namespace Connector.Worker.Acs.Wire;

/// <summary>A per-item error (<c>invalidParticipants[]</c>): <c>{"code","message","target"}</c>.</summary>
internal sealed record ChatErrorWire(string? Code, string? Message, string? Target);
