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
    private readonly Routing.AssignmentChannels? _assignmentChannels;
    private readonly Qa.QaForms? _qaForms;
    private readonly bool _insights;

    /// <param name="consumers">The kinds this deployment handles; a row of any other kind is not written. Null: every kind.</param>
    /// <param name="notices">What people are told of routing and presence changes; null: nobody.</param>
    /// <param name="signals">How the router and waiting requests learn of commands; null: within this process only.</param>
    /// <param name="assignmentChannels">The channels with a part in an assignment (only theirs get a <c>task.assigned</c> row); null: every channel.</param>
    /// <param name="qaForms">The charter's QA forms (work of a channel they score gets a <c>qa.evaluate</c> row); null: none.</param>
    /// <param name="insights">The insight layer's store, when it is composed (finished work gets an <c>insight.analyse</c> row); null: none.</param>
    public SqlRoutingStore(
        SqlDialect dialect, IOutboxConsumers? consumers = null, IChangeNotices? notices = null, ICommandSignals? signals = null, Routing.AssignmentChannels? assignmentChannels = null,
        Qa.QaForms? qaForms = null, Insight.InsightStore? insights = null)
    {
        _insights = insights is not null;
        _assignmentChannels = assignmentChannels;
        _qaForms = qaForms;
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

        // Kept for the KPIs' logged-in time, in the change's own transaction.
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO agent_presence_log (agent_id, at, channels) VALUES (@agentId, @at, @channels)",
            new { agentId, at, channels = ChannelList(channels) }, tx, cancellationToken: ct));
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
        bool released;
        await using (var connection = await _dialect.OpenAsync(ct))
        {
            released = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE routing_tasks SET quarantined_at = NULL, quarantine_reason = NULL, updated_at = @at WHERE id = @taskId AND quarantined_at IS NOT NULL",
                new { taskId, at }, cancellationToken: ct)) == 1;
        }

        if (released)
        {
            await _signals.TasksWrittenAsync([taskId], ct);
        }

        return released;
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
                "UPDATE routing_tasks SET first_responded_at = @at WHERE id = @Id AND first_responded_at IS NULL;\n" + InsertCommand + Signal,
                new { task.Id, at, kind = RoutingCommand.Responded, taskId = task.Id, agentId }, tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
        if (waiting.Any())
        {
            _signals.EnqueuedCommitted();
        }
    }

    // The other Workers' routers are told in the command that writes the command (null: none to tell).
    private string Signal => _signals.EnqueuedStatement is { } statement ? ";\n" + statement : "";

    public async Task<long> EnqueueCommandAsync(string kind, Guid? taskId, string? agentId, DateTimeOffset at, CancellationToken ct)
    {
        long id;
        await using (var connection = await _dialect.OpenAsync(ct))
        {
            id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                InsertCommand + " RETURNING id" + Signal,
                new { kind, taskId, agentId, at }, cancellationToken: ct));
        }

        _signals.EnqueuedCommitted();
        return id;
    }

    public async Task<IReadOnlyList<RoutingCommand>> ListPendingCommandsAsync(CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        return (await connection.QueryAsync<CommandRow>(new CommandDefinition(
            "SELECT id, kind, task_id, agent_id, created_at FROM routing_commands WHERE processed_at IS NULL ORDER BY id LIMIT 500", cancellationToken: ct)))
            .Select(r => new RoutingCommand(r.Id, r.Kind, r.TaskId, r.AgentId, r.CreatedAt)).ToList();
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
