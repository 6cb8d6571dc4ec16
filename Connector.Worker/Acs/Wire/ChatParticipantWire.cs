namespace Connector.Worker.Acs.Wire;

/// <summary>A chat participant on the wire.</summary>
internal sealed record ChatParticipantWire(CommunicationIdentifierWire CommunicationIdentifier, string? DisplayName, DateTimeOffset? ShareHistoryTime);
