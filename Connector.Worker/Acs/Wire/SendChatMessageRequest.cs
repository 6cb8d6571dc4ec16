namespace Connector.Worker.Acs.Wire;

/// <summary>Body of <c>POST /chat/threads/{id}/messages</c>; <c>metadata</c> is ACS's free string map on a message.</summary>
internal sealed record SendChatMessageRequest(string Content, string? SenderDisplayName, string Type, IReadOnlyDictionary<string, string>? Metadata = null);
