using Connector.Core.Channels;

namespace Connector.Core.Conversations;

/// <summary>Something that happened in a conversation, on one channel.</summary>
/// <param name="ExternalRef">The channel's own id for the thing (call connection id, message id), if any.</param>
/// <param name="SourceEventId">The inbound event that caused it, if one did.</param>
/// <param name="DeliveryStatus">For messages the contact centre sent: sent, delivered, read or failed.</param>
public sealed record TimelineEvent(
    Guid Id,
    Guid ConversationId,
    Guid SegmentId,
    TimelineEventType Type,
    Channel Channel,
    Direction Direction,
    DateTimeOffset At,
    string? Text,
    string? ExternalRef,
    string? SourceEventId,
    string? DeliveryStatus = null)
{
    /// <summary>For mail: the Subject it came or went out with (redacted like the text).</summary>
    public string? Subject { get; init; }

    /// <summary>Who wrote it when it was neither the customer nor an agent: <see cref="Authors.Bot"/>; null otherwise.</summary>
    public string? Author { get; init; }
}
