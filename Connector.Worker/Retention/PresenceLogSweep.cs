using Connector.Worker.Audit;
using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.Retention;

/// <summary>
/// Agents' presence changes (<c>agent_presence_log</c>, one row per change, for as long as the Worker runs) older than
/// <see cref="RetentionOptions.PresenceLogWindow"/>. Each agent's last change before the window's start is kept: the KPIs
/// read it to know who was online when an interval starts, so logged-in time stays right for the whole window. Bounded
/// batches, each one transaction with its audit entry.
/// </summary>
internal sealed class PresenceLogSweep(SqlDialect dialect, AuditLog audit)
{
    public const string Rule = $"{RetentionOptions.Section}:{nameof(RetentionOptions.PresenceLogWindow)}";

    // A change is no longer needed once a later change of the same agent is also at or before the cut-off.
    private const string Due = """
        SELECT id FROM agent_presence_log
        WHERE at < @cutoff AND EXISTS (
            SELECT 1 FROM agent_presence_log n
            WHERE n.agent_id = agent_presence_log.agent_id AND n.at <= @cutoff
              AND (n.at > agent_presence_log.at OR (n.at = agent_presence_log.at AND n.id > agent_presence_log.id)))
        ORDER BY id LIMIT @batch
        """;

    public async Task<int> RunAsync(DateTimeOffset cutoff, TimeSpan window, int batchSize, int maxBatches, CancellationToken ct)
    {
        var total = 0;
        for (var batch = 0; batch < maxBatches; batch++)
        {
            await using var connection = await dialect.OpenAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            var ids = (await connection.QueryAsync<long>(new CommandDefinition(Due, new { cutoff, batch = batchSize }, tx, cancellationToken: ct))).ToArray();
            if (ids.Length == 0)
            {
                break;
            }

            await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM agent_presence_log WHERE {dialect.In("id", "ids")}", new { ids }, tx, cancellationToken: ct));
            await audit.WriteAsync(connection, tx, AuditActor.Retention, AuditKinds.Purge, null, new
            {
                kind = "presenceLog",
                count = ids.Length,
                rule = Rule,
                period = window.ToString(),
                olderThan = cutoff,
            }, ct);
            await tx.CommitAsync(ct);
            total += ids.Length;
            if (ids.Length < batchSize)
            {
                break;
            }
        }

        return total;
    }
}
