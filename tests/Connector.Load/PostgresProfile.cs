using Npgsql;

namespace Connector.Load;

/// <summary>
/// PostgreSQL's own counters for the Worker's database: pg_stat_statements per statement (when the extension is
/// loaded), transactions from pg_stat_database, and the Hangfire jobs created. Read before and after the run; the
/// report prints the differences.
/// </summary>
public sealed class PostgresProfile(string connectionString)
{
    public bool HasStatements { get; private set; }

    /// <summary>Creates pg_stat_statements in the database if the server preloads it; says why not otherwise.</summary>
    public async Task<string?> EnableStatementsAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        try
        {
            await using var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", connection);
            await create.ExecuteNonQueryAsync();
            await using var probe = new NpgsqlCommand("SELECT count(*) FROM pg_stat_statements", connection);
            await probe.ExecuteScalarAsync();
            HasStatements = true;
            return null;
        }
        catch (PostgresException e)
        {
            // Typically 55000 "pg_stat_statements must be loaded via shared_preload_libraries": a --pg server without it.
            return $"{e.SqlState} {e.MessageText}";
        }
    }

    public async Task<Snapshot> ReadAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        long transactions;
        await using (var xact = new NpgsqlCommand("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()", connection))
        {
            // pg_stat_database is updated when a backend reports (at most every second, and at transaction end when idle):
            // the run's drain gives it time.
            transactions = Convert.ToInt64(await xact.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
        }

        var statements = new Dictionary<long, StatementCounters>();
        if (HasStatements)
        {
            await using var read = new NpgsqlCommand("""
                SELECT queryid, sum(calls)::bigint, sum(total_exec_time)::float8, min(query)
                FROM pg_stat_statements
                WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND queryid IS NOT NULL
                GROUP BY queryid
                """, connection);
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                statements[reader.GetInt64(0)] = new StatementCounters(reader.GetInt64(1), reader.GetDouble(2), reader.GetString(3));
            }
        }

        long? jobs = null;
        await using (var hangfire = new NpgsqlCommand("SELECT CASE WHEN to_regclass('hangfire.job') IS NULL THEN NULL ELSE (SELECT count(*) FROM hangfire.job) END", connection))
        {
            jobs = await hangfire.ExecuteScalarAsync() is long n ? n : null;
        }

        return new Snapshot(transactions, statements, jobs);
    }

    public sealed record StatementCounters(long Calls, double TotalExecMs, string Query);

    /// <summary><paramref name="HangfireJobs"/>: rows in hangfire.job (Hangfire removes finished jobs only after a day).</summary>
    public sealed record Snapshot(long Transactions, IReadOnlyDictionary<long, StatementCounters> Statements, long? HangfireJobs)
    {
        public IReadOnlyList<StatementCounters> Since(Snapshot before) =>
        [
            .. Statements.Select(s => before.Statements.TryGetValue(s.Key, out var b)
                ? s.Value with { Calls = s.Value.Calls - b.Calls, TotalExecMs = s.Value.TotalExecMs - b.TotalExecMs }
                : s.Value).Where(s => s.Calls > 0),
        ];
    }
}
