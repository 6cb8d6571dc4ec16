namespace Connector.Worker.Acs.Wire;

/// <summary>Body of <c>POST /chat/threads</c>.</summary>
internal sealed record CreateChatThreadRequest(string Topic, IReadOnlyList<ChatParticipantWire> Participants);
