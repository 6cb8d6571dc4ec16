using Connector.Core.Conversations;
using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.Replies;

/// <summary>
/// Agents' replies by idempotency key (migration 0023), and how a sent or failed reply settles: the reply's row, its
/// timeline entry and the push to the agents holding the conversation change in one transaction, and only the first
/// settlement wins (a resend racing the request, or a job replayed after a crash, changes nothing).
/// </summary>
internal sealed class AgentReplyStore(SqlDialect dialect, IServiceProvider services)
{
    private IChangeNotices? Notices => services.GetService<IChangeNotices>();

    public async Task<AgentReplyRecord?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<AgentReplyRecord>(new CommandDefinition(
            "SELECT * FROM agent_replies WHERE id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>Keeps a new reply; false when the key already names one (this request lost a race to a retry).</summary>
    public async Task<bool> TryAddAsync(AgentReplyRecord r, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO agent_replies (id, conversation_id, agent_id, idempotency_key, request_hash, channel, prepared, first_sent_at, state, created_at, updated_at)
            VALUES (@Id, @ConversationId, @AgentId, @IdempotencyKey, @RequestHash, @Channel, @Prepared, @FirstSentAt, @State, @CreatedAt, @UpdatedAt)
            ON CONFLICT DO NOTHING
            """,
            r, cancellationToken: ct)) == 1;
    }

    public async Task SetTimelineEventAsync(Guid id, Guid timelineEventId, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE agent_replies SET timeline_event_id = @timelineEventId WHERE id = @id AND timeline_event_id IS NULL",
            new { id, timelineEventId }, cancellationToken: ct));
    }

    /// <summary>
    /// The channel took the reply: the entry gets the channel's message id and "sent", the answer is kept for retries.
    /// True for the one caller that settled it.
    /// </summary>
    public Task<bool> SettleSentAsync(Guid id, Guid timelineEventId, string messageId, int statusCode, string response, DateTimeOffset at, CancellationToken ct) =>
        SettleAsync(id, timelineEventId, AgentReplyStates.Sent, DeliveryStatuses.Sent, messageId, null, statusCode, response, at, ct);

    /// <summary>The channel refused the reply for good: the entry shows "failed" and the agents are told why.</summary>
    public Task<bool> SettleFailedAsync(Guid id, Guid timelineEventId, string reason, int statusCode, string response, DateTimeOffset at, CancellationToken ct) =>
        SettleAsync(id, timelineEventId, AgentReplyStates.Failed, DeliveryStatuses.Failed, null, reason, statusCode, response, at, ct);

    private async Task<bool> SettleAsync(
        Guid id, Guid timelineEventId, string state, string deliveryStatus, string? messageId, string? reason, int statusCode, string response, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // The text to send is not kept once it is sent or refused: the timeline holds the (redacted) record of it.
        var won = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE agent_replies
            SET state = @state, message_id = @messageId, error = @reason, status_code = @statusCode, response = @response, prepared = NULL, updated_at = @at
            WHERE id = @id AND state = @pending
            """,
            new { id, state, messageId, reason, statusCode, response, at, pending = AgentReplyStates.Pending }, tx, cancellationToken: ct)) == 1;
        if (!won)
        {
            return false;
        }

        // A delivery report that came first already moved the entry on; it only moves forward.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE timeline_events
            SET external_ref = COALESCE(@messageId, external_ref),
                delivery_status = CASE WHEN delivery_status = @pendingStatus THEN @deliveryStatus ELSE delivery_status END
            WHERE id = @timelineEventId
            """,
            new { timelineEventId, messageId, deliveryStatus, pendingStatus = DeliveryStatuses.Pending }, tx, cancellationToken: ct));
        var deliver = Notices is { } notices ? await notices.ReplyDeliveryChangedAsync(connection, tx, timelineEventId, deliveryStatus, reason, ct) : null;
        await tx.CommitAsync(ct);
        if (deliver is not null)
        {
            await deliver();
        }

        return true;
    }
}
