using System.Data;
using Connector.Core;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Core.Outbox;
using Connector.Core.Routing;
using Connector.Core.Storage;
using Connector.Worker.Storage.Rows;
using Dapper;

namespace Connector.Worker.Storage;

/// <summary>The store over PostgreSQL or SQLite: one implementation, the dialect says which.</summary>
internal sealed partial class SqlConnectorStore : IConnectorStore, IOutboxStore, ICrmLinkStore
{
    private readonly SqlDialect _dialect;
    private readonly IOutboxConsumers? _consumers;
    private readonly IChangeNotices? _notices;
    private readonly ICommandSignals? _signals;

    /// <param name="consumers">The kinds this deployment handles; a row of any other kind is not written. Null: every kind.</param>
    /// <param name="notices">What agents are told of their conversations' timelines; null: nobody.</param>
    /// <param name="signals">How the router learns of the tasks intake wrote; null: at its next look at the store.</param>
    public SqlConnectorStore(SqlDialect dialect, IOutboxConsumers? consumers = null, IChangeNotices? notices = null, ICommandSignals? signals = null)
    {
        _signals = signals;
        DapperTypeHandlers.Register();
        _dialect = dialect;
        _consumers = consumers;
        _notices = notices;
    }

    public async Task<IStoreTransaction> BeginAsync(CancellationToken ct)
    {
        var connection = await _dialect.OpenAsync(ct);
        try
        {
            // Read committed on PostgreSQL with explicit row locks; SQLite begins IMMEDIATE and serializes writers.
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
            return new SqlStoreTransaction(_dialect, connection, transaction, _consumers, _notices, _signals);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<Customer?> FindCustomerAsync(CustomerIdentity identity, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        var id = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "SELECT customer_id FROM customer_identities WHERE kind = @kind AND value = @value",
            new { kind = identity.KindName, value = identity.Value }, cancellationToken: ct));
        return id is { } customerId ? (await CustomerLoader.LoadAsync(_dialect, connection, null, [customerId], ct)).SingleOrDefault() : null;
    }

    public async Task<Customer?> GetCustomerAsync(Guid customerId, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        return (await CustomerLoader.LoadAsync(_dialect, connection, null, [customerId], ct)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<Guid>> ListConversationIdsAsync(Guid customerId, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        return (await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM conversations WHERE customer_id = @customerId ORDER BY last_activity_at DESC, id DESC",
            new { customerId }, cancellationToken: ct))).AsList();
    }

    public async Task<ConversationView?> GetConversationAsync(Guid conversationId, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        var args = new { conversationId };
        var row = await connection.QuerySingleOrDefaultAsync<ConversationRow>(new CommandDefinition(
            "SELECT * FROM conversations WHERE id = @conversationId", args, cancellationToken: ct));
        if (row is null)
        {
            return null;
        }

        var segments = await connection.QueryAsync<SegmentRow>(new CommandDefinition(
            "SELECT * FROM conversation_segments WHERE conversation_id = @conversationId ORDER BY sequence", args, cancellationToken: ct));
        var timeline = await connection.QueryAsync<TimelineEventRow>(new CommandDefinition(
            "SELECT * FROM timeline_events WHERE conversation_id = @conversationId ORDER BY at, id", args, cancellationToken: ct));
        var attachments = await connection.QueryAsync<AttachmentRow>(new CommandDefinition(
            """
            SELECT a.* FROM timeline_attachments a JOIN timeline_events t ON t.id = a.timeline_event_id
            WHERE t.conversation_id = @conversationId ORDER BY a.created_at, a.id
            """, args, cancellationToken: ct));
        return new ConversationView(
            RowMapping.ToConversation(row, segments),
            timeline.Select(RowMapping.ToTimelineEvent).ToList(),
            attachments.Select(a => new TimelineAttachment(a.Id, a.TimelineEventId, a.FileName, a.ContentType, a.SizeBytes, a.Path, a.CreatedAt)).ToList());
    }

    public async Task<bool> UpdateDeliveryStatusAsync(string externalRef, string status, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        var rank = DeliveryStatuses.Rank(status);
        var current = await connection.QueryAsync<string?>(new CommandDefinition(
            "SELECT delivery_status FROM timeline_events WHERE external_ref = @externalRef AND direction = 'out'", new { externalRef }, cancellationToken: ct));
        var list = current.ToList();
        if (list.Count == 0)
        {
            return false;
        }

        if (list.All(s => DeliveryStatuses.Rank(s) < rank))
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE timeline_events SET delivery_status = @status WHERE external_ref = @externalRef AND direction = 'out'",
                new { externalRef, status }, tx, cancellationToken: ct));
            var deliver = _notices is null ? null : await _notices.DeliveryStatusChangedAsync(connection, tx, externalRef, status, ct);
            await tx.CommitAsync(ct);
            if (deliver is not null)
            {
                await deliver();
            }
        }

        return true;
    }

    /// <summary>A file attached after its entry was written (WhatsApp media); the agents holding the conversation are told in the same transaction.</summary>
    public async Task<bool> AddAttachmentAsync(TimelineAttachment a, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var added = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO timeline_attachments (id, timeline_event_id, file_name, content_type, size_bytes, path, created_at)
            VALUES (@Id, @TimelineEventId, @FileName, @ContentType, @SizeBytes, @Path, @CreatedAt)
            ON CONFLICT (timeline_event_id, path) DO NOTHING
            """,
            a, tx, cancellationToken: ct)) == 1;
        var deliver = added && _notices is not null ? await _notices.AttachmentAddedAsync(connection, tx, a, ct) : null;
        await tx.CommitAsync(ct);
        if (deliver is not null)
        {
            await deliver();
        }

        return added;
    }

    public async Task<IReadOnlyList<RoutingTask>> ListTasksAsync(RoutingTaskState? state, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<RoutingTaskRow>(new CommandDefinition(
            "SELECT * FROM routing_tasks WHERE @state IS NULL OR state = @state ORDER BY created_at, id",
            new { state = state is { } s ? WireNames.Of(s) : null }, cancellationToken: ct));
        return rows.Select(RowMapping.ToTask).ToList();
    }

    public async Task<IReadOnlyList<CustomerMerge>> ListMergesAsync(Guid intoCustomerId, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<CustomerMergeRow>(new CommandDefinition(
            "SELECT * FROM customer_merges WHERE into_customer_id = @intoCustomerId ORDER BY at, id", new { intoCustomerId }, cancellationToken: ct));
        return rows.Select(RowMapping.ToMerge).ToList();
    }

    public async Task<IReadOnlyList<IdentityConflict>> ListIdentityConflictsAsync(Guid customerId, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<IdentityConflictRow>(new CommandDefinition(
            "SELECT * FROM identity_conflicts WHERE customer_id = @customerId OR other_customer_id = @customerId ORDER BY at, id",
            new { customerId }, cancellationToken: ct));
        return rows.Select(RowMapping.ToConflict).ToList();
    }

    public async Task<IReadOnlyList<ClaimedOutboxRow>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        return (await connection.QueryAsync<(long Id, string Kind, string? TraceParent)>(new CommandDefinition(
            _dialect.ClaimDueOutboxSql, new { now, leaseUntil = now + lease, max }, cancellationToken: ct)))
            .Select(r => new ClaimedOutboxRow(r.Id, r.Kind) { TraceParent = r.TraceParent }).OrderBy(r => r.Id).ToList();
    }

    public async Task<OutboxMessage?> StartAttemptAsync(long id, DateTimeOffset now, TimeSpan lease, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<OutboxRow>(new CommandDefinition(
            """
            UPDATE outbox SET attempts = attempts + 1, lease_until = @leaseUntil, state = 'pending'
            WHERE id = @id AND state <> 'done'
            RETURNING id, kind, idempotency_key, customer_id, conversation_id, subject_id, state, attempts, created_at, next_attempt_at, completed_at, last_error, payload, trace_parent
            """,
            new { id, leaseUntil = now + lease }, cancellationToken: ct));
        return row is null ? null : RowMapping.ToOutbox(row);
    }

    public async Task CompleteAsync(long id, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox SET state = 'done', completed_at = @now, lease_until = NULL WHERE id = @id", new { id, now }, cancellationToken: ct));
    }

    public async Task FailAsync(long id, string failure, DateTimeOffset? retryAt, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE outbox SET last_error = @failure, state = @state, lease_until = @retryAt
            WHERE id = @id AND state <> 'done'
            """,
            new { id, failure, retryAt, state = retryAt is null ? "dead" : "pending" }, cancellationToken: ct));
    }

    public async Task<int> ReleaseLeasesAsync(CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox SET lease_until = NULL, taken_until = NULL WHERE state = 'pending' AND (lease_until IS NOT NULL OR taken_until IS NOT NULL)", cancellationToken: ct));
    }

    public async Task<OutboxMessage?> GetAsync(long id, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<OutboxRow>(new CommandDefinition(
            "SELECT * FROM outbox WHERE id = @id", new { id }, cancellationToken: ct));
        return row is null ? null : RowMapping.ToOutbox(row);
    }

    public async Task<IReadOnlyList<OutboxMessage>> ListAsync(OutboxState? state, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            "SELECT * FROM outbox WHERE @state IS NULL OR state = @state ORDER BY id",
            new { state = state is { } s ? RowMapping.ToColumn(s) : null }, cancellationToken: ct));
        return rows.Select(RowMapping.ToOutbox).ToList();
    }

    public async Task<CrmLink?> FindAsync(string crm, string idempotencyKey, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<CrmLinkRow>(new CommandDefinition(
            "SELECT * FROM crm_links WHERE crm = @crm AND idempotency_key = @idempotencyKey", new { crm, idempotencyKey }, cancellationToken: ct));
        return row is null ? null : RowMapping.ToCrmLink(row);
    }

    public async Task<CrmLink> RecordAsync(CrmLink link, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO crm_links (crm, idempotency_key, record_type, record_id, created_at)
            VALUES (@Crm, @IdempotencyKey, @RecordType, @RecordId, @CreatedAt)
            ON CONFLICT (crm, idempotency_key) DO NOTHING
            """,
            link, cancellationToken: ct));
        var stored = await connection.QuerySingleAsync<CrmLinkRow>(new CommandDefinition(
            "SELECT * FROM crm_links WHERE crm = @Crm AND idempotency_key = @IdempotencyKey", link, cancellationToken: ct));
        return RowMapping.ToCrmLink(stored);
    }
}
