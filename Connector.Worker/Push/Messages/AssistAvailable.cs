namespace Connector.Worker.Push.Messages;

/// <summary>
/// The customer wrote on a conversation the agent holds: fresh suggestions are to be had from
/// <c>GET /api/conversations/{id}/assist</c>. Only the news travels: suggestions are worked out when the panel asks,
/// off the intake's transaction.
/// </summary>
public sealed record AssistAvailable(Guid ConversationId, Guid EventId);
