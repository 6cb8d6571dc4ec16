using Connector.Core;
using Connector.Core.Channels;
using Connector.Core.Routing;
using Connector.Core.Storage;
using Connector.Worker.Storage.Rows;
using Dapper;

namespace Connector.Worker.Storage;

/// <summary>
/// What the supervisors' boards read: counts made by the database (GROUP BY) and the work agents hold, which their
/// capacity bounds, so that no request reads every open task.
/// </summary>
internal sealed partial class SqlRoutingStore
{
    private const string WaitingStates = "('queued', 'offered')";
    private const string AnsweredStates = "('assigned', 'wrap_up', 'completed')";

    public async Task<IReadOnlyList<(RoutingTask Task, DateTimeOffset? HeldSince)>> ListHeldTasksAsync(IReadOnlyCollection<string>? agentIds, CancellationToken ct)
    {
        // The decisions' index (task_id, at) answers the subquery per task; there are as many as agents hold.
        var where = new SqlConditions().Add("t.state IN ('offered', 'assigned', 'wrap_up') AND t.assigned_agent_id IS NOT NULL")
            .AddIf(agentIds is not null, _dialect.In("t.assigned_agent_id", "agentIds"), new { agentIds = agentIds?.ToArray() });
        await using var connection = await _dialect.OpenAsync(ct);
        return (await connection.QueryAsync<BoardTaskRow>(new CommandDefinition(
            $"""
            SELECT t.*, (SELECT MAX(d.at) FROM routing_decisions d WHERE d.task_id = t.id AND d.agent_id = t.assigned_agent_id) AS held_since
            FROM routing_tasks t {where.Where} ORDER BY t.created_at, t.id
            """,
            where.Parameters, cancellationToken: ct))).Select(row => (RowMapping.ToTask(row), row.HeldSince)).ToList();
    }

    public async Task<IReadOnlyList<QueueWork>> CountQueueWorkAsync(
        DateTimeOffset arrivedSince, IReadOnlyDictionary<Channel, DateTimeOffset> lateBefore, CancellationToken ct)
    {
        var parameters = new DynamicParameters(new { arrivedSince });
        // Waiting past the channel's answer target is late whether or not the router has marked the breach yet.
        var late = lateBefore.Count == 0
            ? "1 = 0"
            : string.Join(" OR ", lateBefore.Select(kv =>
            {
                parameters.Add($"late_{kv.Key.ToName()}", kv.Value);
                return $"(channel = '{kv.Key.ToName()}' AND created_at < @late_{kv.Key.ToName()})";
            }));
        var missed = $"sla_breached_at IS NOT NULL OR (state IN {WaitingStates} AND ({late}))";
        // A task that arrived in the window has been updated since too: the OR can use the state and updated_at indexes.
        var sql = $"""
            SELECT queue, journey, channel,
                   SUM(CASE WHEN state IN {WaitingStates} THEN 1 ELSE 0 END) AS waiting,
                   MIN(CASE WHEN state IN {WaitingStates} THEN created_at END) AS oldest_waiting_since,
                   SUM(CASE WHEN state = 'offered' THEN 1 ELSE 0 END) AS offered,
                   SUM(CASE WHEN state IN ('assigned', 'wrap_up') THEN 1 ELSE 0 END) AS assigned,
                   SUM(CASE WHEN state IN {WaitingStates} AND ({missed}) THEN 1 ELSE 0 END) AS breached_waiting,
                   SUM(CASE WHEN created_at >= @arrivedSince AND (state IN {AnsweredStates} OR {missed}) THEN 1 ELSE 0 END) AS recent_settled,
                   SUM(CASE WHEN created_at >= @arrivedSince AND state IN {AnsweredStates} AND sla_breached_at IS NULL THEN 1 ELSE 0 END) AS recent_in_time
            FROM routing_tasks
            WHERE state IN {OpenStates} OR (updated_at >= @arrivedSince AND created_at >= @arrivedSince)
            GROUP BY queue, journey, channel
            """;
        await using var connection = await _dialect.OpenAsync(ct);
        return (await connection.QueryAsync<QueueWorkRow>(new CommandDefinition(sql, parameters, cancellationToken: ct)))
            .Select(r => new QueueWork(r.Queue, r.Journey, ChannelNames.Parse(r.Channel), (int)r.Waiting, r.OldestWaitingSince, (int)r.Offered, (int)r.Assigned,
                (int)r.BreachedWaiting, (int)r.RecentSettled, (int)r.RecentInTime))
            .ToList();
    }

    public async Task<IReadOnlySet<string>> ListBusyAgentsAsync(CancellationToken ct)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT assigned_agent_id FROM routing_tasks WHERE state IN ('assigned', 'wrap_up') AND assigned_agent_id IS NOT NULL",
            cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);
    }
}
