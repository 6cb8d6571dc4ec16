using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Connector.Worker.Storage;

/// <summary>
/// SQLite allows one writer at a time and Microsoft.Data.Sqlite begins transactions IMMEDIATE, so a write
/// transaction already holds the whole database: no row locks are needed.
/// </summary>
internal sealed class SqliteDialect(string connectionString) : SqlDialect
{
    private const int SqliteConstraint = 19;

    private const string BusyTimeoutPragma = "PRAGMA busy_timeout = 30000";

    public override string Name => "SQLite";

    public string ConnectionString => connectionString;

    public override async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        // A writer that finds the database locked waits inside SQLite, which retries within a millisecond or two at
        // first; without it Microsoft.Data.Sqlite's own retry loop sleeps far longer between attempts, and every wait
        // for the router's or another request's write transaction cost that (load tool, 100 messages/s: webhook
        // answer p50 665 ms without, 123 ms with).
        await using (var busy = connection.CreateCommand())
        {
            busy.CommandText = BusyTimeoutPragma;
            await busy.ExecuteNonQueryAsync(ct);
        }

        return connection;
    }


    public override string In(string column, string parameter) => $"{column} IN @{parameter}";

    public override System.Collections.IEnumerable IdList(IEnumerable<Guid> ids) => ids.Select(id => id.ToString("D")).ToArray();

    public override string ClaimDueOutboxSql => """
        UPDATE outbox SET lease_until = @leaseUntil
        WHERE id IN (
            SELECT id FROM outbox
            WHERE state = 'pending' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
            ORDER BY id LIMIT @max)
        RETURNING id, kind, trace_parent
        """;

    public override bool IsConcurrencyConflict(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: 2067 or 1555 };

    public static string ConnectionStringFor(string dataDirectory) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(dataDirectory, "connector.db"),
        Pooling = true,
        ForeignKeys = true,
        DefaultTimeout = 30,
    }.ToString();
}
