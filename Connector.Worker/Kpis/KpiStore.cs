using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.Kpis;

/// <summary>Reads the rows the KPIs of an interval need (migration 0026 added what was missing), the same SQL on both stores.</summary>
internal sealed class KpiStore(SqlDialect dialect)
{
    private const string OpenStates = "('queued', 'offered', 'assigned', 'wrap_up')";

    /// <summary>
    /// Tasks that arrived in the interval or within the repeat days after it (a customer coming back), and tasks that
    /// kept an agent busy in it whenever they arrived.
    /// </summary>
    public async Task<IReadOnlyList<KpiTaskRow>> TasksAsync(KpiQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await dialect.OpenAsync(ct);
        return [.. await connection.QueryAsync<KpiTaskRow>(new CommandDefinition(
            $"""
            SELECT id, customer_id, channel, state, created_at, updated_at, assigned_at, assigned_agent_id, external_ref
            FROM routing_tasks
            WHERE (created_at >= @from AND created_at < @lookAhead)
               OR (assigned_at IS NOT NULL AND assigned_at < @to AND (updated_at >= @from OR state IN {OpenStates}))
            """,
            new { from = query.From, to = query.To, lookAhead = query.To.AddDays(query.RepeatDays) }, cancellationToken: ct))];
    }

    /// <summary>Every presence change before the interval's end, in order per agent: the last one before it says who was online at its start.</summary>
    public async Task<IReadOnlyList<KpiPresenceRow>> PresenceAsync(KpiQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await dialect.OpenAsync(ct);
        return [.. await connection.QueryAsync<KpiPresenceRow>(new CommandDefinition(
            "SELECT agent_id, at, channels FROM agent_presence_log WHERE at < @to ORDER BY agent_id, at, id",
            new { to = query.To }, cancellationToken: ct))];
    }
}
