using System.Data.Common;
using Connector.Core;
using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Core.Intake;
using Connector.Core.Outbox;
using Connector.Core.Routing;
using Connector.Core.Storage;
using Connector.Worker.Storage.Rows;
using Dapper;

namespace Connector.Worker.Storage;

/// <summary>
/// The intake unit of work over either database; the dialect supplies the few lines that differ. Writes whose
/// outcome is not read back wait (<see cref="DeferredWrites"/>) and travel with the next read or the commit, so a new
/// customer's first message costs a handful of round trips, not one per row.
/// </summary>
internal sealed class SqlStoreTransaction(SqlDialect dialect, DbConnection connection, DbTransaction transaction, IOutboxConsumers? consumers, IChangeNotices? notices = null, ICommandSignals? signals = null) : IStoreTransaction
{
    private readonly DeferredWrites _writes = new();
    private bool _done;

    // Conversations opened in this transaction: nobody holds them yet, so nobody is told of their first entries.
    private readonly HashSet<Guid> _opened = [];

    // The tasks this transaction wrote: the router is woken to read them once they are committed.
    private readonly HashSet<Guid> _tasks = [];

    // The outbox kinds this transaction wrote: the dispatcher is told of them once they are committed.
    private readonly HashSet<string> _outboxKinds = [];

    // Told to the conversation's agents at commit: their journal rows are locked last, after every task row this
    // transaction locks, in the order the router locks them too.
    private readonly List<TimelineEvent> _added = [];

    public Task KeepRawEventAsync(InboundRawEvent raw, DateTimeOffset receivedAt, CancellationToken ct) =>
        Defer(
            "INSERT INTO raw_events (event_id, event_type, source, received_at, body) VALUES (@Id, @Type, @Source, @receivedAt, @Body) ON CONFLICT (event_id) DO NOTHING",
            new { raw.Id, raw.Type, raw.Source, receivedAt, raw.Body });

    public async Task<bool> TryRecordInboundEventAsync(string eventId, Channel channel, DateTimeOffset receivedAt, CancellationToken ct) =>
        (await QueryAsync<int>(
            "INSERT INTO inbound_events (event_id, channel, received_at) VALUES (@eventId, @channel, @receivedAt) ON CONFLICT (event_id) DO NOTHING RETURNING 1",
            new { eventId, channel = channel.ToName(), receivedAt }, ct)).Count == 1;

    public async Task<IReadOnlyList<Customer>> FindCustomersAsync(IReadOnlyCollection<CustomerIdentity> identities, IReadOnlyCollection<CrmRecordRef> crmRefs, CancellationToken ct)
    {
        var ids = new HashSet<Guid>();
        if (identities.Count > 0)
        {
            var wanted = identities.Select(i => (i.KindName, i.Value)).ToHashSet();
            var rows = await QueryAsync<IdentityRow>(
                // Both key columns, so that the primary key (kind, value) finds them: by value alone it is a scan.
                $"SELECT customer_id, kind, value FROM customer_identities WHERE {dialect.In("kind", "kinds")} AND {dialect.In("value", "values")}",
                new { kinds = identities.Select(i => i.KindName).Distinct().ToArray(), values = identities.Select(i => i.Value).Distinct().ToArray() }, ct);
            ids.UnionWith(rows.Where(r => wanted.Contains((r.Kind, r.Value))).Select(r => r.CustomerId));
        }

        if (crmRefs.Count > 0)
        {
            var wanted = crmRefs.Select(r => (r.Crm, r.RecordId)).ToHashSet();
            var rows = await QueryAsync<CrmRefRow>(
                $"SELECT customer_id, crm, record_id FROM customer_crm_refs WHERE {dialect.In("crm", "crms")} AND {dialect.In("record_id", "recordIds")}",
                new { crms = crmRefs.Select(r => r.Crm).Distinct().ToArray(), recordIds = crmRefs.Select(r => r.RecordId).Distinct().ToArray() }, ct);
            ids.UnionWith(rows.Where(r => wanted.Contains((r.Crm, r.RecordId))).Select(r => r.CustomerId));
        }

        if (ids.Count == 0)
        {
            return [];
        }

        await FlushAsync(ct);
        return await Guarded(() => CustomerLoader.LoadAsync(dialect, connection, transaction, ids, ct, holdUntilCommit: true));
    }

    public Task InsertCustomerAsync(Guid customerId, DateTimeOffset createdAt, CancellationToken ct) =>
        Defer("INSERT INTO customers (id, created_at) VALUES (@customerId, @createdAt)", new { customerId, createdAt });

    public Task AddIdentityAsync(Guid customerId, CustomerIdentity identity, DateTimeOffset at, CancellationToken ct) =>
        Defer(
            "INSERT INTO customer_identities (kind, value, customer_id, created_at) VALUES (@kind, @value, @customerId, @at)",
            new { kind = identity.KindName, value = identity.Value, customerId, at });

    public Task AddCrmRefAsync(Guid customerId, CrmRecordRef crmRef, DateTimeOffset at, CancellationToken ct) =>
        Defer(
            "INSERT INTO customer_crm_refs (crm, record_id, customer_id, created_at) VALUES (@crm, @recordId, @customerId, @at)",
            new { crm = crmRef.Crm, recordId = crmRef.RecordId, customerId, at });

    public Task MergeCustomerAsync(CustomerMerge merge, CancellationToken ct)
    {
        var args = new { from = merge.MergedCustomerId, into = merge.IntoCustomerId };
        _writes.Add("UPDATE customer_identities SET customer_id = @into WHERE customer_id = @from", args);
        _writes.Add("UPDATE customer_crm_refs SET customer_id = @into WHERE customer_id = @from", args);
        _writes.Add("UPDATE conversations SET customer_id = @into WHERE customer_id = @from", args);
        _writes.Add("UPDATE routing_tasks SET customer_id = @into WHERE customer_id = @from", args);
        _writes.Add("UPDATE identity_claims SET customer_id = @into WHERE customer_id = @from", args);
        _writes.Add("UPDATE outbox SET customer_id = @into WHERE customer_id = @from AND state = 'pending'", args);
        _writes.Add("UPDATE customers SET merged_into = @into WHERE id = @from", args);
        return Defer(
            "INSERT INTO customer_merges (id, merged_customer_id, into_customer_id, event_id, reason, at) VALUES (@Id, @MergedCustomerId, @IntoCustomerId, @EventId, @Reason, @At)",
            merge);
    }

    public Task RecordIdentityConflictAsync(IdentityConflict conflict, CancellationToken ct) =>
        Defer(
            "INSERT INTO identity_conflicts (id, customer_id, other_customer_id, crm, event_id, detail, at) VALUES (@Id, @CustomerId, @OtherCustomerId, @Crm, @EventId, @Detail, @At)",
            conflict);

    public Task<Conversation?> GetLatestOpenConversationAsync(Guid customerId, CancellationToken ct) =>
        ReadConversationAsync(
            "SELECT * FROM conversations WHERE customer_id = @customerId AND state = 'open' ORDER BY last_activity_at DESC, id DESC LIMIT 1",
            new { customerId }, ct);

    public async Task<Conversation?> FindConversationByExternalRefsAsync(Guid customerId, IReadOnlyCollection<string> externalRefs, CancellationToken ct)
    {
        var ids = await QueryAsync<Guid>(
            $"""
            SELECT c.id FROM conversations c JOIN timeline_events t ON t.conversation_id = c.id
            WHERE c.customer_id = @customerId AND {dialect.In("t.external_ref", "refs")}
            ORDER BY t.at DESC LIMIT 1
            """,
            new { customerId, refs = externalRefs.ToArray() }, ct);
        return ids is [var id] ? await GetConversationAsync(id, ct) : null;
    }

    public Task<Conversation?> GetConversationAsync(Guid conversationId, CancellationToken ct) =>
        ReadConversationAsync("SELECT * FROM conversations WHERE id = @conversationId", new { conversationId }, ct);

    // The conversation and its segments in one round trip: the second statement finds the conversation again.
    private async Task<Conversation?> ReadConversationAsync(string selectConversation, object args, CancellationToken ct)
    {
        return await Guarded(async () =>
        {
            await using var grid = await connection.QueryMultipleAsync(_writes.Prepend(
                $"""
                {selectConversation};
                SELECT * FROM conversation_segments WHERE conversation_id = ({selectConversation.Replace("SELECT *", "SELECT id", StringComparison.Ordinal)}) ORDER BY sequence
                """,
                args, transaction, ct));
            var rows = (await grid.ReadAsync<ConversationRow>()).AsList();
            var segments = await grid.ReadAsync<SegmentRow>();
            return rows is [var row] ? RowMapping.ToConversation(row, segments) : null;
        });
    }

    public Task ReopenConversationAsync(Guid conversationId, CancellationToken ct) =>
        Defer("UPDATE conversations SET state = 'open', closed_at = NULL WHERE id = @conversationId", new { conversationId });

    public Task InsertConversationAsync(Conversation c, CancellationToken ct)
    {
        _opened.Add(c.Id);
        return Defer(
            "INSERT INTO conversations (id, customer_id, state, started_at, last_activity_at, closed_at) VALUES (@Id, @CustomerId, @state, @StartedAt, @LastActivityAt, @ClosedAt)",
            new { c.Id, c.CustomerId, state = WireNames.Of(c.State), c.StartedAt, c.LastActivityAt, c.ClosedAt });
    }

    public Task CloseConversationAsync(Guid conversationId, DateTimeOffset closedAt, CancellationToken ct) =>
        Defer(
            "UPDATE conversations SET state = 'closed', closed_at = @closedAt WHERE id = @conversationId",
            new { conversationId, closedAt });

    public Task TouchConversationAsync(Guid conversationId, DateTimeOffset lastActivityAt, CancellationToken ct) =>
        Defer(
            "UPDATE conversations SET last_activity_at = @lastActivityAt WHERE id = @conversationId AND last_activity_at < @lastActivityAt",
            new { conversationId, lastActivityAt });

    public Task InsertSegmentAsync(ConversationSegment s, CancellationToken ct) =>
        Defer(
            "INSERT INTO conversation_segments (id, conversation_id, sequence, channel, started_at, ended_at) VALUES (@Id, @ConversationId, @Sequence, @channel, @StartedAt, @EndedAt)",
            new { s.Id, s.ConversationId, s.Sequence, channel = s.Channel.ToName(), s.StartedAt, s.EndedAt });

    public Task EndSegmentAsync(Guid segmentId, DateTimeOffset endedAt, CancellationToken ct) =>
        Defer("UPDATE conversation_segments SET ended_at = @endedAt WHERE id = @segmentId", new { segmentId, endedAt });

    public Task InsertTimelineEventAsync(TimelineEvent e, CancellationToken ct)
    {
        _added.Add(e);
        return Defer(
            """
            INSERT INTO timeline_events (id, conversation_id, segment_id, type, channel, direction, at, text, external_ref, source_event_id, delivery_status, author)
            VALUES (@Id, @ConversationId, @SegmentId, @type, @channel, @direction, @At, @Text, @ExternalRef, @SourceEventId, @DeliveryStatus, @Author)
            """,
            new { e.Id, e.ConversationId, e.SegmentId, type = WireNames.Of(e.Type), channel = e.Channel.ToName(), direction = WireNames.Of(e.Direction), e.At, e.Text, e.ExternalRef, e.SourceEventId, e.DeliveryStatus, e.Author });
    }

    public Task InsertAttachmentAsync(TimelineAttachment a, CancellationToken ct) =>
        Defer(
            """
            INSERT INTO timeline_attachments (id, timeline_event_id, file_name, content_type, size_bytes, path, created_at)
            VALUES (@Id, @TimelineEventId, @FileName, @ContentType, @SizeBytes, @Path, @CreatedAt)
            ON CONFLICT (timeline_event_id, path) DO NOTHING
            """,
            a);

    public async Task<RoutingTask?> FindOpenTaskAsync(Guid conversationId, Channel channel, string? externalRef, CancellationToken ct)
    {
        if (_opened.Contains(conversationId))
        {
            // Opened by this transaction: it has no task yet.
            return null;
        }

        // Locked until commit: the router may be offering this task right now, and intake writes the row back, so
        // it must see (and keep) the router's state rather than overwrite it with the one it read before.
        var rows = await QueryAsync<RoutingTaskRow>(
            $"""
            SELECT * FROM routing_tasks
            WHERE conversation_id = @conversationId AND channel = @channel AND state IN ('queued', 'offered', 'assigned', 'wrap_up')
              AND (@externalRef IS NULL OR external_ref = @externalRef)
            ORDER BY created_at DESC LIMIT 1{dialect.RowLockSuffix}
            """,
            new { conversationId, channel = channel.ToName(), externalRef }, ct);
        return rows is [var row] ? RowMapping.ToTask(row) : null;
    }

    public Task InsertTaskAsync(RoutingTask t, CancellationToken ct)
    {
        _tasks.Add(t.Id);
        return Defer(
            """
            INSERT INTO routing_tasks (id, conversation_id, customer_id, channel, state, priority, created_at, updated_at, customer_last_message_at, external_ref, assigned_agent_id, journey, trace_parent, handoff_summary)
            VALUES (@Id, @ConversationId, @CustomerId, @channel, @state, @Priority, @CreatedAt, @UpdatedAt, @CustomerLastMessageAt, @ExternalRef, @AssignedAgentId, @Journey, @traceParent, @HandOffSummary)
            """,
            TaskArgs(t));
    }

    public Task UpdateTaskAsync(RoutingTask t, CancellationToken ct)
    {
        _tasks.Add(t.Id);
        return Defer(
            """
            UPDATE routing_tasks SET state = @state, priority = @Priority, updated_at = @UpdatedAt, customer_last_message_at = @CustomerLastMessageAt,
                   assigned_agent_id = @AssignedAgentId, customer_id = @CustomerId
            WHERE id = @Id
            """,
            TaskArgs(t));
    }

    /// <summary>Writes the row unless nothing in this deployment consumes its kind (no CRM work without a CRM adapter).</summary>
    public Task EnqueueOutboxAsync(OutboxMessage m, CancellationToken ct) => consumers?.Consumes(m.Kind) == false
        ? Task.CompletedTask
        : DeferOutbox(m.Kind,
            """
            INSERT INTO outbox (kind, idempotency_key, customer_id, conversation_id, subject_id, state, attempts, created_at, next_attempt_at, payload, trace_parent)
            VALUES (@Kind, @IdempotencyKey, @CustomerId, @ConversationId, @SubjectId, @state, @Attempts, @CreatedAt, @NextAttemptAt, @Payload, @traceParent)
            ON CONFLICT (idempotency_key) DO NOTHING
            """,
            OutboxArgs(m));

    /// <summary>
    /// Writes the row unless a row of its kind for the same customer still waits unclaimed: that row's job reads the
    /// customer as they are when it runs, so it covers this change too. A row already handed to Hangfire may have
    /// read them before, so it does not count.
    /// </summary>
    public Task EnqueueCoalescedAsync(OutboxMessage m, CancellationToken ct) => consumers?.Consumes(m.Kind) == false
        ? Task.CompletedTask
        : DeferOutbox(m.Kind,
            """
            INSERT INTO outbox (kind, idempotency_key, customer_id, conversation_id, subject_id, state, attempts, created_at, next_attempt_at, payload, trace_parent)
            SELECT @Kind, @IdempotencyKey, @CustomerId, @ConversationId, @SubjectId, @state, @Attempts, @CreatedAt, @NextAttemptAt, @Payload, @traceParent
            WHERE NOT EXISTS (
                SELECT 1 FROM outbox WHERE kind = @Kind AND customer_id = @CustomerId AND state = 'pending' AND lease_until IS NULL)
            ON CONFLICT (idempotency_key) DO NOTHING
            """,
            OutboxArgs(m));

    public async Task CommitAsync(CancellationToken ct)
    {
        if (_tasks.Count > 0 && signals?.TasksWrittenStatement(_tasks) is { } notify)
        {
            // Travels with the last writes: the other Workers hear of the rows on commit, never for a rollback.
            _writes.Add(notify.Sql, notify.Args);
        }

        await FlushAsync(ct);
        // Entries of conversations this transaction opened have no holder to tell.
        var told = _added.Where(e => !_opened.Contains(e.ConversationId)).ToList();
        var deliver = notices is null || told.Count == 0 ? null : await notices.TimelineAddedAsync(connection, transaction, told, ct);
        try
        {
            await transaction.CommitAsync(ct);
            _done = true;
        }
        catch (DbException ex) when (dialect.IsConcurrencyConflict(ex))
        {
            throw new StoreConcurrencyException($"{dialect.Name} refused the commit: {ex.Message}", ex);
        }

        if (_tasks.Count > 0)
        {
            signals?.TasksCommitted(_tasks);
        }

        if (_outboxKinds.Count > 0)
        {
            consumers?.Committed(_outboxKinds);
        }

        if (deliver is not null)
        {
            await deliver();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_done)
        {
            await transaction.RollbackAsync();
        }

        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }

    private static object OutboxArgs(OutboxMessage m) =>
        new { m.Kind, m.IdempotencyKey, m.CustomerId, m.ConversationId, m.SubjectId, state = RowMapping.ToColumn(m.State), m.Attempts, m.CreatedAt, m.NextAttemptAt, m.Payload, traceParent = m.TraceParent ?? TraceParentColumn.Current };

    private static object TaskArgs(RoutingTask t) => new
    {
        t.Id,
        t.ConversationId,
        t.CustomerId,
        channel = t.Channel.ToName(),
        state = WireNames.Of(t.State),
        t.Priority,
        t.CreatedAt,
        t.UpdatedAt,
        t.CustomerLastMessageAt,
        t.ExternalRef,
        t.AssignedAgentId,
        t.Journey,
        traceParent = t.TraceParent ?? TraceParentColumn.Current,
        t.HandOffSummary,
    };

    private Task Defer(string sql, object args)
    {
        _writes.Add(sql, args);
        return Task.CompletedTask;
    }

    private Task DeferOutbox(string kind, string sql, object args)
    {
        _outboxKinds.Add(kind);
        return Defer(sql, args);
    }

    /// <summary>Sends the writes still waiting (before a read that does not go through <see cref="QueryAsync{T}"/>, and at commit).</summary>
    private async Task FlushAsync(CancellationToken ct)
    {
        if (_writes.Count > 0)
        {
            await Guarded(() => connection.ExecuteAsync(_writes.Prepend(null, null, transaction, ct)));
        }
    }

    private Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object args, CancellationToken ct) =>
        Guarded<IReadOnlyList<T>>(async () => (await connection.QueryAsync<T>(_writes.Prepend(sql, args, transaction, ct))).AsList());

    private async Task<T> Guarded<T>(Func<Task<T>> run)
    {
        try
        {
            return await run();
        }
        catch (DbException ex) when (dialect.IsConcurrencyConflict(ex))
        {
            throw new StoreConcurrencyException($"{dialect.Name}: {ex.Message}", ex);
        }
    }
}
