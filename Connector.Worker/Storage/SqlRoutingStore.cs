using System.Text.Json;
using Connector.Core;
using Connector.Core.Channels;
using Connector.Core.Outbox;
using Connector.Core.Routing;
using Connector.Core.Routing.Engine;
using Connector.Core.Storage;
using Connector.Worker.Storage.Rows;
using Dapper;

namespace Connector.Worker.Storage;

/// <summary>The router's tables over PostgreSQL or SQLite.</summary>
internal sealed partial class SqlRoutingStore : IRoutingStore
{
    private const string OpenStates = "('queued', 'offered', 'assigned', 'wrap_up')";
    private const string InsertCommand = "INSERT INTO routing_commands (kind, task_id, agent_id, created_at) VALUES (@kind, @taskId, @agentId, @at)";
    private readonly SqlDialect _dialect;
    private readonly IOutboxConsumers? _consumers;
    private readonly IChangeNotices? _notices;
    private readonly ICommandSignals _signals;

    /// <param name="consumers">The kinds this deployment handles; a row of any other kind is not written. Null: every kind.</param>
    /// <param name="notices">What people are told of routing and presence changes; null: nobody.</param>
    /// <param name="signals">How the router and waiting requests learn of commands; null: within this process only.</param>
    public SqlRoutingStore(SqlDialect dialect, IOutboxConsumers? consumers = null, IChangeNotices? notices = null, ICommandSignals? signals = null)
    {
        DapperTypeHandlers.Register();
        _dialect = dialect;
        _consumers = consumers;
        _notices = notices;
        _signals = signals ?? new InProcessCommandSignals();
    }

    public async Task UpsertAgentAsync(Agent agent, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO agents (id, name, capacity_profile, skills, languages, crm_user_id, channels, updated_at)
            VALUES (@Id, @Name, @CapacityProfile, @skills, @languages, @CrmUserId, @channels, @UpdatedAt)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, capacity_profile = excluded.capacity_profile, skills = excluded.skills,
                languages = excluded.languages, crm_user_id = excluded.crm_user_id, updated_at = excluded.updated_at
            """,
            new
            {
                agent.Id,
                agent.Name,
                agent.CapacityProfile,
                skills = JsonSerializer.Serialize(agent.Skills),
                languages = JsonSerializer.Serialize(agent.Languages),
                agent.CrmUserId,
                channels = ChannelList(agent.Channels),
                agent.UpdatedAt,
            },
            cancellationToken: ct));
    }

    public Task<bool> SetAgentChannelsAsync(string agentId, IReadOnlyCollection<Channel> channels, DateTimeOffset at, CancellationToken ct) =>
        SetPresenceAsync("UPDATE agents SET channels = @channels, updated_at = @at WHERE id = @agentId", agentId, channels, at, ct);

    public Task<bool> SetAgentAwayAsync(string agentId, DateTimeOffset at, CancellationToken ct) =>
        SetPresenceAsync("UPDATE agents SET channels = @channels, updated_at = @at WHERE id = @agentId AND updated_at <= @at", agentId, [], at, ct);

    private async Task<bool> SetPresenceAsync(string sql, string agentId, IReadOnlyCollection<Channel> channels, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (await connection.ExecuteAsync(new CommandDefinition(sql, new { agentId, channels = ChannelList(channels), at }, tx, cancellationToken: ct)) != 1)
        {
            return false;
        }

        var deliver = _notices is null ? null : await _notices.PresenceChangedAsync(connection, tx, agentId, channels, at, ct);
        await tx.CommitAsync(ct);
        if (deliver is not null)
        {
            await deliver();
        }

        return true;
    }

    public async Task<Agent?> GetAgentAsync(string agentId, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<AgentRow>(new CommandDefinition("SELECT * FROM agents WHERE id = @agentId", new { agentId }, cancellationToken: ct));
        return row is null ? null : RowMapping.ToAgent(row);
    }

    public async Task<IReadOnlyList<Agent>> ListAgentsAsync(CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        return (await connection.QueryAsync<AgentRow>(new CommandDefinition("SELECT * FROM agents ORDER BY id", cancellationToken: ct))).Select(RowMapping.ToAgent).ToList();
    }

    public async Task<RoutingTask?> FindTaskAsync(Guid taskId, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<RoutingTaskRow>(new CommandDefinition(
            "SELECT * FROM routing_tasks WHERE id = @taskId", new { taskId }, cancellationToken: ct));
        return row is null ? null : RowMapping.ToTask(row);
    }

    public async Task<IReadOnlyList<RoutingTask>> ListOpenTasksAsync(CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        return (await connection.QueryAsync<RoutingTaskRow>(new CommandDefinition(
            $"SELECT * FROM routing_tasks WHERE state IN {OpenStates} ORDER BY created_at, id", cancellationToken: ct))).Select(RowMapping.ToTask).ToList();
    }

    public async Task<IReadOnlyList<RoutingTask>> ListTasksChangedSinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        return (await connection.QueryAsync<RoutingTaskRow>(new CommandDefinition(
            "SELECT * FROM routing_tasks WHERE updated_at >= @since ORDER BY updated_at, id", new { since }, cancellationToken: ct))).Select(RowMapping.ToTask).ToList();
    }

    public async Task<(string AgentId, DateTimeOffset At)?> FindLastAgentAsync(Guid customerId, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        var row = await connection.QueryFirstOrDefaultAsync<RoutingTaskRow>(new CommandDefinition(
            "SELECT * FROM routing_tasks WHERE customer_id = @customerId AND assigned_agent_id IS NOT NULL AND state IN ('assigned', 'wrap_up', 'completed') ORDER BY updated_at DESC LIMIT 1",
            new { customerId }, cancellationToken: ct));
        return row is null ? null : (row.AssignedAgentId!, row.UpdatedAt);
    }

    public async Task SaveRoutingAsync(IReadOnlyList<TaskRoutingChange> changes, IReadOnlyList<RoutingDecision> decisions, string decidedBy, CancellationToken ct)
    {
        if (changes.Count == 0 && decisions.Count == 0)
        {
            return;
        }

        await using var connection = await _dialect.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var saved = new List<TaskRoutingChange>(changes.Count);
        foreach (var c in changes)
        {
            var updated = await connection.ExecuteAsync(new CommandDefinition(
                $"""
                UPDATE routing_tasks SET state = @state, assigned_agent_id = @AgentId, queue = COALESCE(@Queue, queue), priority = COALESCE(@Priority, priority),
                       offer_expires_at = @OfferExpiresAt, wrap_up_until = @WrapUpUntil, sla_breached_at = COALESCE(sla_breached_at, @SlaBreachedAt),
                       first_response_breached_at = COALESCE(first_response_breached_at, @FirstResponseBreachedAt),
                       declined_by = COALESCE(@declinedBy, declined_by), updated_at = @At
                WHERE id = @TaskId AND state IN {OpenStates} AND quarantined_at IS NULL
                """,
                new { c.TaskId, state = WireNames.Of(c.State), c.AgentId, c.Queue, c.Priority, c.OfferExpiresAt, c.WrapUpUntil, c.SlaBreachedAt, c.FirstResponseBreachedAt, c.At, declinedBy = c.DeclinedBy is { } d ? JsonSerializer.Serialize(d) : null },
                tx, cancellationToken: ct));
            if (updated == 1)
            {
                saved.Add(c);
            }

            if (updated == 1 && c.AssignedNow && c.AgentId is { } agentId)
            {
                await EnqueueAssignmentAsync(connection, tx, c.TaskId, agentId, c.At, ct);
            }

            if (updated == 1 && c.HandledToTheEnd && c.AgentId is { } handledBy)
            {
                await EnqueueInteractionAsync(connection, tx, c.TaskId, handledBy, c.At, ct);
            }
        }

        foreach (var d in decisions)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO routing_decisions (id, task_id, at, channel, queue, rule, task_score, agent_id, outcome, candidates, candidates_considered, decided_by)
                VALUES (@Id, @TaskId, @At, @channel, @Queue, @Rule, @TaskScore, @AgentId, @Outcome, @candidates, @CandidatesConsidered, @decidedBy)
                """,
                new { d.Id, d.TaskId, d.At, channel = d.Channel.ToName(), d.Queue, d.Rule, d.TaskScore, d.AgentId, d.Outcome, candidates = JsonSerializer.Serialize(d.Candidates, JsonSerializerOptions.Web), d.CandidatesConsidered, decidedBy },
                tx, cancellationToken: ct));
        }

        var deliver = _notices is null ? null : await _notices.RoutingSavedAsync(connection, tx, saved, decisions, ct);
        await tx.CommitAsync(ct);
        if (deliver is not null)
        {
            await deliver();
        }
    }

    // In the same transaction as the assignment, so the channel's part (join the chat, connect the call) is never lost.
    private Task EnqueueAssignmentAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, Guid taskId, string agentId, DateTimeOffset at, CancellationToken ct) =>
        EnqueueForTaskAsync(connection, tx, taskId, OutboxKind.TaskAssigned, at, task =>
            ($"{taskId}:assigned:{agentId}:{at.ToUnixTimeMilliseconds()}", new TaskAssignedPayload(agentId, task.Channel, task.ExternalRef)), ct);

    // The interaction of work that ended without a wrap-up from the agent (its wrap-up time ran out) still reaches the
    // CRM, without a disposition; when the agent did wrap up, their row (same key) is already there and this adds nothing.
    private Task EnqueueInteractionAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, Guid taskId, string agentId, DateTimeOffset at, CancellationToken ct) =>
        EnqueueForTaskAsync(connection, tx, taskId, OutboxKind.InteractionSync, at, task =>
            (InteractionSyncPayload.KeyFor(task.ConversationId, taskId), new InteractionSyncPayload(taskId, agentId, task.Channel, null, null, at)), ct);

    // One outbox row about the task (its key and payload made from the task's row), unless a row with that key exists
    // or nothing in this deployment consumes the kind.
    private async Task EnqueueForTaskAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, Guid taskId, string kind, DateTimeOffset at,
        Func<RoutingTaskRow, (string Key, object Payload)> describe, CancellationToken ct)
    {
        if (_consumers?.Consumes(kind) == false)
        {
            return;
        }

        var task = await connection.QuerySingleAsync<RoutingTaskRow>(new CommandDefinition("SELECT * FROM routing_tasks WHERE id = @taskId", new { taskId }, tx, cancellationToken: ct));
        var (key, payload) = describe(task);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO outbox (kind, idempotency_key, customer_id, conversation_id, subject_id, state, attempts, created_at, next_attempt_at, payload)
            VALUES (@kind, @key, @CustomerId, @ConversationId, @taskId, 'pending', 0, @at, @at, @payload)
            ON CONFLICT (idempotency_key) DO NOTHING
            """,
            new { kind, key, task.CustomerId, task.ConversationId, taskId, at, payload = JsonSerializer.Serialize(payload, payload.GetType(), JsonSerializerOptions.Web) },
            tx, cancellationToken: ct));
    }

    public async Task<bool> QuarantineTaskAsync(Guid taskId, string reason, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        // An offer in flight is withdrawn (nobody should accept what the router no longer follows); work an agent
        // already holds stays theirs.
        return await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE routing_tasks SET quarantined_at = @at, quarantine_reason = @reason, updated_at = @at,
                   state = CASE WHEN state = 'offered' THEN 'queued' ELSE state END,
                   assigned_agent_id = CASE WHEN state = 'offered' THEN NULL ELSE assigned_agent_id END,
                   offer_expires_at = NULL
            WHERE id = @taskId AND state IN {OpenStates} AND quarantined_at IS NULL
            """, new { taskId, reason, at }, cancellationToken: ct)) == 1;
    }

    public async Task<bool> ReleaseQuarantineAsync(Guid taskId, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE routing_tasks SET quarantined_at = NULL, quarantine_reason = NULL, updated_at = @at WHERE id = @taskId AND quarantined_at IS NOT NULL",
            new { taskId, at }, cancellationToken: ct)) == 1;
    }

    public async Task<IReadOnlyList<RoutingDecision>> ListDecisionsAsync(Guid taskId, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        return (await connection.QueryAsync<DecisionRow>(new CommandDefinition(
            "SELECT * FROM routing_decisions WHERE task_id = @taskId ORDER BY at, id", new { taskId }, cancellationToken: ct))).Select(RowMapping.ToDecision).ToList();
    }

    public async Task RecordFirstResponseAsync(Guid conversationId, string agentId, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var waiting = await connection.QueryAsync<RoutingTaskRow>(new CommandDefinition(
            $"SELECT * FROM routing_tasks WHERE conversation_id = @conversationId AND first_responded_at IS NULL AND state IN {OpenStates}",
            new { conversationId }, tx, cancellationToken: ct));
        foreach (var task in waiting)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE routing_tasks SET first_responded_at = @at WHERE id = @Id AND first_responded_at IS NULL", new { task.Id, at }, tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                InsertCommand, new { kind = RoutingCommand.Responded, taskId = task.Id, agentId, at }, tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
        await _signals.EnqueuedAsync(ct);
    }

    public async Task<long> EnqueueCommandAsync(string kind, Guid? taskId, string? agentId, DateTimeOffset at, CancellationToken ct)
    {
        long id;
        await using (var connection = await _dialect.OpenAsync(ct))
        {
            id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                InsertCommand + " RETURNING id",
                new { kind, taskId, agentId, at }, cancellationToken: ct));
        }

        await _signals.EnqueuedAsync(ct);
        return id;
    }

    public async Task<IReadOnlyList<RoutingCommand>> ListPendingCommandsAsync(CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        return (await connection.QueryAsync<CommandRow>(new CommandDefinition(
            "SELECT id, kind, task_id, agent_id, created_at FROM routing_commands WHERE processed_at IS NULL ORDER BY id LIMIT 500", cancellationToken: ct)))
            .Select(r => new RoutingCommand(r.Id, r.Kind, r.TaskId, r.AgentId, r.CreatedAt)).ToList();
    }

    public async Task CompleteCommandAsync(long id, string result, DateTimeOffset at, CancellationToken ct)
    {
        await using (var connection = await _dialect.OpenAsync(ct))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE routing_commands SET processed_at = @at, result = @result WHERE id = @id", new { id, result, at }, cancellationToken: ct));
        }

        await _signals.CompletedAsync([id], ct);
    }

    public async Task<string?> GetCommandResultAsync(long id, CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT result FROM routing_commands WHERE id = @id AND processed_at IS NOT NULL", new { id }, cancellationToken: ct));
    }

    public Task<string?> WaitForCommandResultAsync(long id, TimeSpan timeout, CancellationToken ct) =>
        _signals.WaitForResultAsync(id, c => GetCommandResultAsync(id, c), timeout, ct);

    private static string ChannelList(IEnumerable<Channel> channels) => string.Join(',', channels.Select(c => c.ToName()).Distinct().Order());
}
