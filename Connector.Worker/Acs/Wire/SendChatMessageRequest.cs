namespace Connector.Worker.Acs.Wire;

/// <summary>Body of <c>POST /chat/threads/{id}/messages</c>.</summary>
internal sealed record SendChatMessageRequest(string Content, string? SenderDisplayName, string Type);
