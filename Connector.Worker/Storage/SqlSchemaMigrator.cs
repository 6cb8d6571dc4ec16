using System.Data.Common;
using Connector.Core.Storage;
using Dapper;

namespace Connector.Worker.Storage;

/// <summary>
/// Applies the embedded migrations in one transaction that first takes a database-wide lock (an advisory lock
/// on PostgreSQL, the write lock on SQLite): a second Worker starting at the same moment waits, then finds
/// nothing left to do.
/// </summary>
internal sealed class SqlSchemaMigrator(SqlDialect dialect, ILogger<SqlSchemaMigrator> logger) : ISchemaMigrator
{
    // Any constant shared by all Workers of this product; "conn" "mig" in ASCII.
    private const long AdvisoryLockKey = 0x636F6E6E_6D6967;

    private readonly IReadOnlyList<Migration> _migrations = Migration.For(dialect is PostgresDialect ? "postgres" : "sqlite");

    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken ct)
    {
        DapperTypeHandlers.Register();
        await using var connection = await dialect.OpenAsync(ct);
        if (dialect is SqliteDialect)
        {
            // WAL lets the panel read while intake writes; the setting is stored in the file.
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL");
        }

        await using var tx = await connection.BeginTransactionAsync(ct);
        if (dialect is PostgresDialect)
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = AdvisoryLockKey }, tx, cancellationToken: ct));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)",
            transaction: tx, cancellationToken: ct));
        var applied = (await connection.QueryAsync<int>(new CommandDefinition(
            "SELECT version FROM schema_migrations", transaction: tx, cancellationToken: ct))).ToHashSet();
        var newlyApplied = new List<int>();
        foreach (var migration in _migrations.Where(m => !applied.Contains(m.Version)))
        {
            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @appliedAt)",
                new { migration.Version, migration.Name, appliedAt = DateTimeOffset.UtcNow.ToString("O") }, tx, cancellationToken: ct));
            newlyApplied.Add(migration.Version);
        }

        await tx.CommitAsync(ct);
        if (newlyApplied.Count > 0)
        {
            logger.LogInformation("{Store} schema migrated to version {Version} (applied {Applied})", dialect.Name, _migrations[^1].Version, string.Join(", ", newlyApplied));
        }
        else
        {
            logger.LogInformation("{Store} schema is current at version {Version}", dialect.Name, _migrations[^1].Version);
        }

        return newlyApplied;
    }

    public async Task<SchemaStatus> GetStatusAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        int applied;
        try
        {
            applied = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
                "SELECT MAX(version) FROM schema_migrations", cancellationToken: ct)) ?? 0;
        }
        catch (DbException ex) when (ex.Message.Contains("schema_migrations", StringComparison.OrdinalIgnoreCase))
        {
            // No migration table yet: the store answers but has no schema.
            applied = 0;
        }

        return new SchemaStatus(applied, _migrations[^1].Version);
    }
}
