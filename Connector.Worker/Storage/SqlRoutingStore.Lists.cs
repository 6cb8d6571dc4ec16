using Connector.Core;
using Connector.Core.Channels;
using Connector.Core.Routing;
using Connector.Core.Routing.Engine;
using Connector.Core.Storage;
using Connector.Worker.Storage.Rows;
using Dapper;

namespace Connector.Worker.Storage;

/// <summary>The paged lists of the routing API: a task's decisions and the SLA breaches, LIMIT in SQL, keyset order.</summary>
internal sealed partial class SqlRoutingStore
{
    /// <summary>A task's breach time: the later of its answer and first-response breaches (either may be null).</summary>
    private const string BreachedAt = """
        CASE WHEN routing_tasks.first_response_breached_at IS NULL OR routing_tasks.sla_breached_at >= routing_tasks.first_response_breached_at
             THEN routing_tasks.sla_breached_at ELSE routing_tasks.first_response_breached_at END
        """;

    public async Task<Page<RoutingDecision>> ListDecisionsAsync(Guid taskId, (DateTimeOffset At, Guid Id)? after, int limit, CancellationToken ct)
    {
        // The index (task_id, at) gives the order; id breaks ties between decisions of the same instant.
        var where = new SqlConditions().Add("task_id = @taskId", new { taskId, take = limit + 1 })
            .AddIf(after is not null, "at > @afterAt OR (at = @afterAt AND id > @afterId)", new { afterAt = after?.At, afterId = after?.Id });
        await using var connection = await _dialect.OpenAsync(ct);
        var rows = (await connection.QueryAsync<DecisionRow>(new CommandDefinition(
            $"SELECT * FROM routing_decisions {where.Where} ORDER BY at, id LIMIT @take", where.Parameters, cancellationToken: ct))).ToList();
        return new Page<RoutingDecision>([.. rows.Take(limit).Select(RowMapping.ToDecision)], rows.Count > limit);
    }

    public async Task<Page<RoutingTask>> ListSlaBreachesAsync(SlaBreachQuery query, CancellationToken ct)
    {
        // Each breach column is compared on its own as well, so that neither an index on it nor a scan misses one.
        var where = new SqlConditions()
            .Add("routing_tasks.sla_breached_at >= @since OR routing_tasks.first_response_breached_at >= @since", new { since = query.Since, take = query.Limit + 1 })
            .Scope(_dialect, query.Scope)
            .AddIf(query.Until is not null, $"{BreachedAt} < @until", new { until = query.Until })
            .AddIf(query.Queue is not null, "routing_tasks.queue = @queue", new { queue = query.Queue })
            .AddIf(query.Channel is not null, "routing_tasks.channel = @channel", new { channel = query.Channel?.ToName() })
            .AddIf(query.Before is not null, $"{BreachedAt} < @beforeAt OR ({BreachedAt} = @beforeAt AND routing_tasks.id < @beforeId)",
                new { beforeAt = query.Before?.At, beforeId = query.Before?.Id });
        await using var connection = await _dialect.OpenAsync(ct);
        var rows = (await connection.QueryAsync<RoutingTaskRow>(new CommandDefinition(
            $"SELECT routing_tasks.* FROM routing_tasks {where.Where} ORDER BY {BreachedAt} DESC, routing_tasks.id DESC LIMIT @take",
            where.Parameters, cancellationToken: ct))).ToList();
        return new Page<RoutingTask>([.. rows.Take(query.Limit).Select(RowMapping.ToTask)], rows.Count > query.Limit);
    }

    public async Task<IReadOnlyList<RoutingTask>> ListOpenTasksAsync(Guid conversationId, CancellationToken ct)
    {
        // The unique index of open tasks (conversation_id, channel, external_ref) answers this.
        await using var connection = await _dialect.OpenAsync(ct);
        return (await connection.QueryAsync<RoutingTaskRow>(new CommandDefinition(
            $"SELECT * FROM routing_tasks WHERE conversation_id = @conversationId AND state IN {OpenStates} ORDER BY created_at, id",
            new { conversationId }, cancellationToken: ct))).Select(RowMapping.ToTask).ToList();
    }
}
