namespace Connector.Core.Outbox;

/// <summary>
/// Work for the CRM, written in the same transaction as the state it describes, so nothing is lost if the
/// process dies before the sync runs. It holds ids only; the job reads current state when it runs.
/// </summary>
/// <param name="IdempotencyKey">Unique: the same work written twice is one row.</param>
public sealed record OutboxMessage(
    long Id,
    string Kind,
    string IdempotencyKey,
    Guid CustomerId,
    Guid? ConversationId,
    Guid? SubjectId,
    OutboxState State,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? CompletedAt,
    string? LastError,
    string? Payload = null)
{
    /// <summary>The W3C <c>traceparent</c> of the work that wrote the row, continued by its dispatch and job; null when nothing was traced.</summary>
    public string? TraceParent { get; init; }

    /// <param name="payload">What the work needs beyond ids (e.g. the channel's media id), as JSON.</param>
    public static OutboxMessage New(string kind, string idempotencyKey, Guid customerId, Guid? conversationId, Guid? subjectId, DateTimeOffset at, string? payload = null) =>
        new(0, kind, idempotencyKey, customerId, conversationId, subjectId, OutboxState.Pending, 0, at, at, null, null, payload);
}
