namespace Connector.Worker.Push.Messages;

/// <summary>
/// A finished task of a conversation the agent holds was analysed (its wrap-up ran the insight job): the conversation
/// read again from <c>GET /api/conversations/{id}</c> carries its entries' sentiment and topics and the new roll-up.
/// Only the news travels, as with <see cref="AssistAvailable"/>.
/// </summary>
public sealed record InsightAvailable(Guid ConversationId, Guid TaskId);
