using Connector.Core.Channels;

namespace Connector.Core.Conversations;

/// <summary>One stretch of a conversation on one channel; a change of channel starts the next segment.</summary>
public sealed record ConversationSegment(
    Guid Id,
    Guid ConversationId,
    int Sequence,
    Channel Channel,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt);
