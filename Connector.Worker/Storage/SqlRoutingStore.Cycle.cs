using System.Data.Common;
using System.Text;
using System.Text.Json;
using Connector.Core;
using Connector.Core.Channels;
using Connector.Core.Outbox;
using Connector.Core.Routing;
using Connector.Core.Routing.Engine;
using Connector.Worker.Storage.Rows;
using Dapper;

namespace Connector.Worker.Storage;

/// <summary>
/// The router's cycle, written in one transaction with a few multi-row statements whatever the number of tasks: the
/// task updates, the outbox rows they need, the decisions and the results of the commands applied.
/// </summary>
internal sealed partial class SqlRoutingStore
{
    // Rows per statement: about a dozen parameters each keeps a statement far below SQLite's 32,766 and PostgreSQL's 65,535.
    private const int RowsPerStatement = 400;

    public async Task<IReadOnlyList<RoutingTask>> ListTasksAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken ct)
    {
        if (taskIds.Count == 0)
        {
            return [];
        }

        await using var connection = await _dialect.OpenAsync(ct);
        var tasks = new List<RoutingTask>(taskIds.Count);
        foreach (var chunk in taskIds.Chunk(RowsPerStatement * 2))
        {
            tasks.AddRange((await connection.QueryAsync<RoutingTaskRow>(new CommandDefinition(
                $"SELECT * FROM routing_tasks WHERE {_dialect.In("id", "ids")}", new { ids = _dialect.IdList(chunk) }, cancellationToken: ct))).Select(RowMapping.ToTask));
        }

        return [.. tasks.OrderBy(t => t.UpdatedAt).ThenBy(t => t.Id)];
    }

    public async Task<IReadOnlyDictionary<Guid, (string AgentId, DateTimeOffset At)>> FindLastAgentsAsync(IReadOnlyCollection<Guid> customerIds, CancellationToken ct)
    {
        var last = new Dictionary<Guid, (string AgentId, DateTimeOffset At)>();
        if (customerIds.Count == 0)
        {
            return last;
        }

        await using var connection = await _dialect.OpenAsync(ct);
        foreach (var chunk in customerIds.Distinct().Chunk(RowsPerStatement * 2))
        {
            // The latest served task of each customer, one row each (the index on customer and time serves it).
            var rows = await connection.QueryAsync<LastAgentRow>(new CommandDefinition(
                $"""
                SELECT customer_id, assigned_agent_id, updated_at FROM (
                    SELECT customer_id, assigned_agent_id, updated_at, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY updated_at DESC) AS n
                    FROM routing_tasks
                    WHERE {_dialect.In("customer_id", "ids")} AND assigned_agent_id IS NOT NULL AND state IN ('assigned', 'wrap_up', 'completed')) latest
                WHERE n = 1
                """,
                new { ids = _dialect.IdList(chunk) }, cancellationToken: ct));
            foreach (var row in rows)
            {
                last[row.CustomerId] = (row.AssignedAgentId, row.UpdatedAt);
            }
        }

        return last;
    }

    public async Task SaveRoutingAsync(
        IReadOnlyList<TaskRoutingChange> changes, IReadOnlyList<RoutingDecision> decisions, IReadOnlyList<CommandCompletion> completed, string decidedBy, CancellationToken ct)
    {
        if (changes.Count == 0 && decisions.Count == 0 && completed.Count == 0)
        {
            return;
        }

        Func<Task>? deliver;
        HashSet<string> outboxKinds = [];
        await using (var connection = await _dialect.OpenAsync(ct))
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            var saved = new List<TaskRoutingChange>(changes.Count);
            var outbox = new List<OutboxRow>();
            foreach (var chunk in changes.Chunk(RowsPerStatement))
            {
                var rows = (await UpdateTasksAsync(connection, tx, chunk, ct)).ToDictionary(r => r.Id);
                foreach (var change in chunk.Where(c => rows.ContainsKey(c.TaskId)))
                {
                    saved.Add(change);
                    outbox.AddRange(OutboxRowsFor(change, rows[change.TaskId]));
                }
            }

            foreach (var chunk in outbox.Chunk(RowsPerStatement))
            {
                await InsertOutboxAsync(connection, tx, chunk, ct);
            }

            outboxKinds.UnionWith(outbox.Select(r => r.Kind));

            foreach (var chunk in decisions.Chunk(RowsPerStatement))
            {
                await InsertDecisionsAsync(connection, tx, chunk, decidedBy, ct);
            }

            foreach (var chunk in completed.Chunk(RowsPerStatement))
            {
                await CompleteCommandsAsync(connection, tx, chunk, ct);
            }

            if (completed.Count > 0 && _signals.CompletedStatement([.. completed.Select(c => c.Id)]) is { } notify)
            {
                // Delivered to the other Workers on commit, never for a rollback.
                await connection.ExecuteAsync(new CommandDefinition(notify.Sql, notify.Args, tx, cancellationToken: ct));
            }

            deliver = _notices is null ? null : await _notices.RoutingSavedAsync(connection, tx, saved, decisions, ct);
            await tx.CommitAsync(ct);
        }

        if (deliver is not null)
        {
            await deliver();
        }

        if (outboxKinds.Count > 0)
        {
            // An accepted call or chat is joined now, not at the dispatcher's next poll.
            _consumers?.Committed(outboxKinds);
        }

        if (completed.Count > 0)
        {
            // The agents' requests are answered once the effect of their commands is in the store.
            _signals.CompletedCommitted([.. completed.Select(c => c.Id)]);
        }
    }

    // A task closed meanwhile (abandoned) or quarantined is not touched; the rows changed say what each one is.
    private async Task<IEnumerable<SavedTaskRow>> UpdateTasksAsync(DbConnection connection, DbTransaction tx, TaskRoutingChange[] changes, CancellationToken ct)
    {
        var args = new DynamicParameters();
        var values = Rows(changes.Length, (i, row) =>
        {
            var c = changes[i];
            row.Append(Param(args, $"i{i}", c.TaskId, "uuid")).Append(", ")
                .Append(Param(args, $"s{i}", WireNames.Of(c.State), "text")).Append(", ")
                .Append(Param(args, $"a{i}", c.AgentId, "text")).Append(", ")
                .Append(Param(args, $"q{i}", c.Queue, "text")).Append(", ")
                .Append(Param(args, $"p{i}", c.Priority, "integer")).Append(", ")
                .Append(Param(args, $"o{i}", c.OfferExpiresAt, "timestamptz")).Append(", ")
                .Append(Param(args, $"w{i}", c.WrapUpUntil, "timestamptz")).Append(", ")
                .Append(Param(args, $"b{i}", c.SlaBreachedAt, "timestamptz")).Append(", ")
                .Append(Param(args, $"f{i}", c.FirstResponseBreachedAt, "timestamptz")).Append(", ")
                .Append(Param(args, $"d{i}", c.DeclinedBy is { } d ? JsonSerializer.Serialize(d) : null, "text")).Append(", ")
                .Append(Param(args, $"t{i}", c.At, "timestamptz")).Append(", ")
                .Append(Param(args, $"g{i}", c.AssignedNow ? c.At : null, "timestamptz"));
        });
        return await connection.QueryAsync<SavedTaskRow>(new CommandDefinition(
            $"""
            WITH v (v_id, v_state, v_agent, v_queue, v_priority, v_offer, v_wrap, v_breach, v_first_breach, v_declined, v_at, v_assigned) AS (VALUES {values})
            UPDATE routing_tasks SET state = v.v_state, assigned_agent_id = v.v_agent, queue = COALESCE(v.v_queue, queue), priority = COALESCE(v.v_priority, priority),
                   offer_expires_at = v.v_offer, wrap_up_until = v.v_wrap, sla_breached_at = COALESCE(sla_breached_at, v.v_breach),
                   first_response_breached_at = COALESCE(first_response_breached_at, v.v_first_breach),
                   declined_by = COALESCE(v.v_declined, declined_by), updated_at = v.v_at, assigned_at = COALESCE(assigned_at, v.v_assigned)
            FROM v
            WHERE id = v.v_id AND state IN {OpenStates} AND quarantined_at IS NULL
            RETURNING id, customer_id, conversation_id, channel, external_ref, trace_parent
            """,
            args, tx, cancellationToken: ct));
    }

    // In the same transaction as the change, so the work it needs is never lost; none for work nothing here consumes.
    private IEnumerable<OutboxRow> OutboxRowsFor(TaskRoutingChange c, SavedTaskRow task)
    {
        if (c.AssignedNow && c.AgentId is { } agentId && Consumes(OutboxKind.TaskAssigned)
            && (_assignmentChannels is null || (ChannelNames.TryParse(task.Channel, out var channel) && _assignmentChannels.HavePart(channel))))
        {
            // The channel's part of the assignment (join the chat, connect the call).
            yield return new OutboxRow(OutboxKind.TaskAssigned, $"{c.TaskId}:assigned:{agentId}:{c.At.ToUnixTimeMilliseconds()}", task,
                new TaskAssignedPayload(agentId, task.Channel, task.ExternalRef), c.At);
        }

        if (c.AssignedNow && c.AgentId is { } poppedFor && Consumes(OutboxKind.CrmScreenPop))
        {
            // The CRM's screen-pop of the conversation for the agent who took it, after the accept, never in its way.
            yield return new OutboxRow(OutboxKind.CrmScreenPop, $"{c.TaskId}:screenpop:{poppedFor}:{c.At.ToUnixTimeMilliseconds()}", task,
                new TaskAssignedPayload(poppedFor, task.Channel, task.ExternalRef), c.At);
        }

        if (c.HandledToTheEnd && c.AgentId is { } handledBy && Consumes(OutboxKind.InteractionSync))
        {
            // The interaction of work that ended without a wrap-up from the agent (its wrap-up time ran out) still
            // reaches the CRM, without a disposition; when the agent did wrap up, their row (same key) is already there.
            yield return new OutboxRow(OutboxKind.InteractionSync, InteractionSyncPayload.KeyFor(task.ConversationId, c.TaskId), task,
                new InteractionSyncPayload(c.TaskId, handledBy, task.Channel, null, null, c.At), c.At);
        }

        if (c.HandledToTheEnd && c.AgentId is { } scoredAgent && Consumes(OutboxKind.QaEvaluate)
            && ChannelNames.TryParse(task.Channel, out var scored) && _qaForms?.Any(scored) == true)
        {
            // Likewise its QA; after the agent's own wrap-up the row (same key) is there already.
            yield return new OutboxRow(OutboxKind.QaEvaluate, InteractionSyncPayload.QaKeyFor(task.ConversationId, c.TaskId), task,
                new InteractionSyncPayload(c.TaskId, scoredAgent, task.Channel, null, null, c.At), c.At);
        }

        if (c.HandledToTheEnd && c.AgentId is { } analysedAgent && _insights && Consumes(OutboxKind.InsightAnalyse))
        {
            // And its insight; after the agent's own wrap-up the row (same key) is there already.
            yield return new OutboxRow(OutboxKind.InsightAnalyse, InteractionSyncPayload.InsightKeyFor(task.ConversationId, c.TaskId), task,
                new InteractionSyncPayload(c.TaskId, analysedAgent, task.Channel, null, null, c.At), c.At);
        }
    }

    private bool Consumes(string kind) => _consumers?.Consumes(kind) != false;

    private async Task InsertOutboxAsync(DbConnection connection, DbTransaction tx, OutboxRow[] rows, CancellationToken ct)
    {
        var args = new DynamicParameters();
        var values = Rows(rows.Length, (i, row) =>
        {
            var r = rows[i];
            row.Append(Param(args, $"k{i}", r.Kind, null)).Append(", ")
                .Append(Param(args, $"y{i}", r.Key, null)).Append(", ")
                .Append(Param(args, $"c{i}", r.Task.CustomerId, null)).Append(", ")
                .Append(Param(args, $"v{i}", r.Task.ConversationId, null)).Append(", ")
                .Append(Param(args, $"s{i}", r.Task.Id, null)).Append(", 'pending', 0, ")
                .Append(Param(args, $"t{i}", r.At, null)).Append(", ")
                .Append(Param(args, $"n{i}", r.At, null)).Append(", ")
                .Append(Param(args, $"p{i}", JsonSerializer.Serialize(r.Payload, r.Payload.GetType(), JsonSerializerOptions.Web), null)).Append(", ")
                // The task's own trace: the channel's part of the assignment continues the message's trace.
                .Append(Param(args, $"r{i}", r.Task.TraceParent, "text"));
        });
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO outbox (kind, idempotency_key, customer_id, conversation_id, subject_id, state, attempts, created_at, next_attempt_at, payload, trace_parent)
            VALUES {values}
            ON CONFLICT (idempotency_key) DO NOTHING
            """,
            args, tx, cancellationToken: ct));
    }

    private async Task InsertDecisionsAsync(DbConnection connection, DbTransaction tx, RoutingDecision[] decisions, string decidedBy, CancellationToken ct)
    {
        var args = new DynamicParameters();
        args.Add("decidedBy", decidedBy);
        var values = Rows(decisions.Length, (i, row) =>
        {
            var d = decisions[i];
            row.Append(Param(args, $"i{i}", d.Id, null)).Append(", ")
                .Append(Param(args, $"k{i}", d.TaskId, null)).Append(", ")
                .Append(Param(args, $"t{i}", d.At, null)).Append(", ")
                .Append(Param(args, $"c{i}", d.Channel.ToName(), null)).Append(", ")
                .Append(Param(args, $"q{i}", d.Queue, null)).Append(", ")
                .Append(Param(args, $"r{i}", d.Rule, null)).Append(", ")
                .Append(Param(args, $"s{i}", d.TaskScore, null)).Append(", ")
                .Append(Param(args, $"a{i}", d.AgentId, null)).Append(", ")
                .Append(Param(args, $"o{i}", d.Outcome, null)).Append(", ")
                .Append(Param(args, $"j{i}", JsonSerializer.Serialize(d.Candidates, JsonSerializerOptions.Web), null)).Append(", ")
                .Append(Param(args, $"n{i}", d.CandidatesConsidered, null)).Append(", @decidedBy");
        });
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO routing_decisions (id, task_id, at, channel, queue, rule, task_score, agent_id, outcome, candidates, candidates_considered, decided_by)
            VALUES {values}
            """,
            args, tx, cancellationToken: ct));
    }

    private async Task CompleteCommandsAsync(DbConnection connection, DbTransaction tx, CommandCompletion[] completed, CancellationToken ct)
    {
        var args = new DynamicParameters();
        var values = Rows(completed.Length, (i, row) => row
            .Append(Param(args, $"i{i}", completed[i].Id, "bigint")).Append(", ")
            .Append(Param(args, $"r{i}", completed[i].Result, "text")).Append(", ")
            .Append(Param(args, $"t{i}", completed[i].At, "timestamptz")));
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            WITH v (v_id, v_result, v_at) AS (VALUES {values})
            UPDATE routing_commands SET processed_at = v.v_at, result = v.v_result FROM v WHERE id = v.v_id
            """,
            args, tx, cancellationToken: ct));
    }

    private static string Rows(int count, Action<int, StringBuilder> row)
    {
        var sql = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            sql.Append(i == 0 ? "(" : ", (");
            row(i, sql);
            sql.Append(')');
        }

        return sql.ToString();
    }

    // A parameter of a multi-row VALUES list. PostgreSQL types such a list's columns from its values, and a column of
    // nulls would be text: it is cast where the list is not the VALUES of an INSERT (whose columns type it).
    private string Param(DynamicParameters args, string name, object? value, string? postgresType)
    {
        args.Add(name, value);
        return postgresType is not null && _dialect is PostgresDialect ? $"CAST(@{name} AS {postgresType})" : "@" + name;
    }

    private sealed record OutboxRow(string Kind, string Key, SavedTaskRow Task, object Payload, DateTimeOffset At);

    private sealed class SavedTaskRow
    {
        public Guid Id { get; set; }
        public Guid CustomerId { get; set; }
        public Guid ConversationId { get; set; }
        public string Channel { get; set; } = "";
        public string? ExternalRef { get; set; }
        public string? TraceParent { get; set; }
    }

    private sealed class LastAgentRow
    {
        public Guid CustomerId { get; set; }
        public string AssignedAgentId { get; set; } = "";
        public DateTimeOffset UpdatedAt { get; set; }
    }
}
