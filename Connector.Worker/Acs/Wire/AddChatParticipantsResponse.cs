namespace Connector.Worker.Acs.Wire;

/// <summary>201 of <c>participants/:add</c>.</summary>
internal sealed record AddChatParticipantsResponse(IReadOnlyList<ChatErrorWire>? InvalidParticipants);
