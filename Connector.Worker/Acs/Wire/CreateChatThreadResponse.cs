namespace Connector.Worker.Acs.Wire;

/// <summary>201 of <c>POST /chat/threads</c>.</summary>
internal sealed record CreateChatThreadResponse(ChatThreadWire? ChatThread, IReadOnlyList<ChatErrorWire>? InvalidParticipants);
