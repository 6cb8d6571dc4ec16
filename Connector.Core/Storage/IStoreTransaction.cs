using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Core.Intake;
using Connector.Core.Outbox;
using Connector.Core.Routing;

namespace Connector.Core.Storage;

/// <summary>
/// One unit of work against the store: everything intake does to one event commits together or not at all.
/// Disposing without <see cref="CommitAsync"/> rolls back.
/// </summary>
public interface IStoreTransaction : IAsyncDisposable
{
    /// <summary>Keeps the event as it was delivered (already redacted) with the state it produces.</summary>
    Task KeepRawEventAsync(InboundRawEvent raw, DateTimeOffset receivedAt, CancellationToken ct);

    /// <summary>Records the event id; false when it was already recorded (a redelivery).</summary>
    Task<bool> TryRecordInboundEventAsync(string eventId, Channel channel, DateTimeOffset receivedAt, CancellationToken ct);

    /// <summary>
    /// The live customers that own any of these identities or CRM records, oldest first, held until commit so that two
    /// events of one customer do not interleave.
    /// </summary>
    Task<IReadOnlyList<Customer>> FindCustomersAsync(IReadOnlyCollection<CustomerIdentity> identities, IReadOnlyCollection<CrmRecordRef> crmRefs, CancellationToken ct);

    Task InsertCustomerAsync(Guid customerId, DateTimeOffset createdAt, CancellationToken ct);

    Task AddIdentityAsync(Guid customerId, CustomerIdentity identity, DateTimeOffset at, CancellationToken ct);

    Task AddCrmRefAsync(Guid customerId, CrmRecordRef crmRef, DateTimeOffset at, CancellationToken ct);

    /// <summary>Moves identities, CRM records, conversations and tasks to the surviving customer and writes the audit entry.</summary>
    Task MergeCustomerAsync(CustomerMerge merge, CancellationToken ct);

    Task RecordIdentityConflictAsync(IdentityConflict conflict, CancellationToken ct);

    Task<Conversation?> GetLatestOpenConversationAsync(Guid customerId, CancellationToken ct);

    /// <summary>The customer's conversation holding a timeline event with one of these channel ids, if any (latest first).</summary>
    Task<Conversation?> FindConversationByExternalRefsAsync(Guid customerId, IReadOnlyCollection<string> externalRefs, CancellationToken ct);

    Task<Conversation?> GetConversationAsync(Guid conversationId, CancellationToken ct);

    Task ReopenConversationAsync(Guid conversationId, CancellationToken ct);

    Task InsertConversationAsync(Conversation conversation, CancellationToken ct);

    Task CloseConversationAsync(Guid conversationId, DateTimeOffset closedAt, CancellationToken ct);

    Task TouchConversationAsync(Guid conversationId, DateTimeOffset lastActivityAt, CancellationToken ct);

    Task InsertSegmentAsync(ConversationSegment segment, CancellationToken ct);

    Task EndSegmentAsync(Guid segmentId, DateTimeOffset endedAt, CancellationToken ct);

    Task InsertTimelineEventAsync(TimelineEvent timelineEvent, CancellationToken ct);

    Task InsertAttachmentAsync(TimelineAttachment attachment, CancellationToken ct);

    /// <summary>The open task of this conversation on this channel (and, for calls, of this call).</summary>
    Task<RoutingTask?> FindOpenTaskAsync(Guid conversationId, Channel channel, string? externalRef, CancellationToken ct);

    Task InsertTaskAsync(RoutingTask task, CancellationToken ct);

    Task UpdateTaskAsync(RoutingTask task, CancellationToken ct);

    /// <summary>Adds work for the CRM sync; a row with the same idempotency key already there is kept as it is.</summary>
    Task EnqueueOutboxAsync(OutboxMessage message, CancellationToken ct);

    /// <summary>
    /// Adds work that reads its customer when it runs (a contact sync), unless such work for the customer still waits
    /// unclaimed: that row covers this change as well, so a burst of events makes one CRM job, not one each.
    /// </summary>
    Task EnqueueCoalescedAsync(OutboxMessage message, CancellationToken ct);

    Task CommitAsync(CancellationToken ct);
}
