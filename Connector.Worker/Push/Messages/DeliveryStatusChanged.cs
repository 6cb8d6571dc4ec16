namespace Connector.Worker.Push.Messages;

/// <summary>A message sent in a conversation the agent holds moved on: sent, delivered, read or failed (a reply that failed says why).</summary>
public sealed record DeliveryStatusChanged(Guid ConversationId, Guid EventId, string Status, string? Reason = null);
