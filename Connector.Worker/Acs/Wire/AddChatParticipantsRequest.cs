namespace Connector.Worker.Acs.Wire;

/// <summary>Body of <c>POST /chat/threads/{id}/participants/:add</c>.</summary>
internal sealed record AddChatParticipantsRequest(IReadOnlyList<ChatParticipantWire> Participants);
