namespace Connector.Core.Conversations;

/// <summary>One customer journey, continuous across channels, as a list of channel segments.</summary>
public sealed record Conversation(
    Guid Id,
    Guid CustomerId,
    ConversationState State,
    DateTimeOffset StartedAt,
    DateTimeOffset LastActivityAt,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<ConversationSegment> Segments)
{
    public ConversationSegment? CurrentSegment => Segments.Count == 0 ? null : Segments[^1];
}
