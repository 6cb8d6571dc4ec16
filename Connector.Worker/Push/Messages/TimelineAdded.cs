namespace Connector.Worker.Push.Messages;

/// <summary>Something new on the timeline of a conversation the agent holds.</summary>
public sealed record TimelineAdded(
    Guid ConversationId, Guid EventId, string Type, string Channel, string Direction, DateTimeOffset At, string? Text, string? DeliveryStatus);
