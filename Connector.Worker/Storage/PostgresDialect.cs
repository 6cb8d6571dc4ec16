using System.Data.Common;
using Npgsql;

namespace Connector.Worker.Storage;

internal sealed class PostgresDialect(NpgsqlDataSource dataSource) : SqlDialect
{
    public override string Name => "PostgreSQL";

    public NpgsqlDataSource DataSource => dataSource;

    public override async Task<DbConnection> OpenAsync(CancellationToken ct) => await dataSource.OpenConnectionAsync(ct);

    public override string In(string column, string parameter) => $"{column} = ANY(@{parameter})";

    public override string RowLockSuffix => " FOR UPDATE";


    public override string ClaimDueOutboxSql => """
        UPDATE outbox SET lease_until = @leaseUntil
        WHERE id IN (
            SELECT id FROM outbox
            WHERE state = 'pending' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
            ORDER BY id LIMIT @max
            FOR UPDATE SKIP LOCKED)
        RETURNING id, kind, trace_parent
        """;

    public override bool IsConcurrencyConflict(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected };
}
