using System.Data.Common;
using System.Text.Json;
using Connector.Core.Storage;
using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.InteractionAnalysis;

/// <summary>
/// What the stores of per-task analyses share: rows keyed by their task (and form), written once so that a replayed job
/// adds nothing, with <c>ended_at</c>, <c>agent_id</c> and <c>queue</c> columns to list them by when the work ended, as
/// far as the reader may see.
/// </summary>
internal abstract class InteractionAnalysisStore(SqlDialect dialect)
{
    protected static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected SqlDialect Dialect => dialect;

    /// <summary>Runs <paramref name="insert"/>, whose <c>ON CONFLICT … DO NOTHING</c> skips a row already kept.</summary>
    /// <returns>False when the row was kept before (nothing is written then).</returns>
    protected static async Task<bool> KeepOnceAsync(DbConnection connection, DbTransaction? tx, string insert, object row, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(insert, row, tx, cancellationToken: ct)) > 0;

    /// <summary>
    /// The rows whose work ended in [<paramref name="from"/>, <paramref name="to"/>) that <paramref name="scope"/> may
    /// see: an agent their own, a supervisor also their queues', an admin everything.
    /// </summary>
    protected SqlConditions Ended(DateTimeOffset? from, DateTimeOffset? to, WorkScope scope)
    {
        var where = new SqlConditions()
            .AddIf(from is not null, "ended_at >= @from", new { from })
            .AddIf(to is not null, "ended_at < @to", new { to });
        return scope.Queues is not { } queues
            ? where
            : where.Add(queues.Count == 0 ? "agent_id = @scopeAgent" : $"agent_id = @scopeAgent OR {dialect.In("queue", "scopeQueues")}",
                new { scopeAgent = scope.AgentId ?? "", scopeQueues = queues.ToArray() });
    }
}
