namespace Connector.Worker.Acs.Wire;

/// <summary>One page of <c>GET /chat/threads/{id}/messages</c>.</summary>
internal sealed record ChatMessagesPage(IReadOnlyList<ChatMessageWire>? Value, string? NextLink);
