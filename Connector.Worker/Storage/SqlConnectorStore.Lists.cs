using Connector.Core;
using Connector.Core.Channels;
using Connector.Core.Outbox;
using Connector.Core.Routing;
using Connector.Core.Storage;
using Connector.Worker.Storage.Rows;
using Dapper;

namespace Connector.Worker.Storage;

/// <summary>
/// The paged lists of the read API, LIMIT in SQL: tasks after the last id of the previous page (ids are UUIDv7, so
/// id order is arrival order and the primary key serves it), outbox rows likewise (their identity).
/// </summary>
internal sealed partial class SqlConnectorStore
{
    public async Task<Page<RoutingTask>> ListTaskPageAsync(TaskListQuery query, CancellationToken ct)
    {
        var where = new SqlConditions()
            .Scope(_dialect, query.Scope)
            .AddIf(query.States is { Count: > 0 }, _dialect.In("routing_tasks.state", "states"), new { states = query.States?.Select(WireNames.Of).ToArray() })
            .AddIf(query.Queue is not null, "routing_tasks.queue = @queue", new { queue = query.Queue })
            .AddIf(query.Channel is not null, "routing_tasks.channel = @channel", new { channel = query.Channel?.ToName() })
            .AddIf(query.AgentId is not null, "routing_tasks.assigned_agent_id = @agentId", new { agentId = query.AgentId })
            .AddIf(query.Since is not null, "routing_tasks.created_at >= @since", new { since = query.Since })
            .AddIf(query.Until is not null, "routing_tasks.created_at < @until", new { until = query.Until })
            .AddIf(query.After is not null, "routing_tasks.id > @after", new { after = query.After });
        where.Parameters.Add("take", query.Limit + 1);
        await using var connection = await _dialect.OpenAsync(ct);
        var rows = (await connection.QueryAsync<RoutingTaskRow>(new CommandDefinition(
            $"SELECT * FROM routing_tasks {where.Where} ORDER BY routing_tasks.id LIMIT @take", where.Parameters, cancellationToken: ct))).ToList();
        return new Page<RoutingTask>([.. rows.Take(query.Limit).Select(RowMapping.ToTask)], rows.Count > query.Limit);
    }

    public async Task<Page<OutboxMessage>> ListPageAsync(OutboxListQuery query, CancellationToken ct)
    {
        var where = new SqlConditions()
            .AddIf(query.State is not null, "state = @state", new { state = query.State is { } s ? RowMapping.ToColumn(s) : null })
            .AddIf(query.Kind is not null, "kind = @kind", new { kind = query.Kind })
            .AddIf(query.Since is not null, "created_at >= @since", new { since = query.Since })
            .AddIf(query.Until is not null, "created_at < @until", new { until = query.Until })
            .AddIf(query.After is not null, "id > @after", new { after = query.After });
        where.Parameters.Add("take", query.Limit + 1);
        await using var connection = await _dialect.OpenAsync(ct);
        var rows = (await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            $"SELECT * FROM outbox {where.Where} ORDER BY id LIMIT @take", where.Parameters, cancellationToken: ct))).ToList();
        return new Page<OutboxMessage>([.. rows.Take(query.Limit).Select(RowMapping.ToOutbox)], rows.Count > query.Limit);
    }
}
