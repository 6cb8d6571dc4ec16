using Connector.Core.Compliance;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Core.Intake;
using Connector.Core.Storage;
using Connector.Worker.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Connector.Worker.Tests.Infrastructure;

/// <summary>A migrated store of one kind, with an intake over it (default region GB, 72 h continuity).</summary>
public sealed class StoreUnderTest : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _dataSource;
    private readonly string? _directory;

    private StoreUnderTest(SqlDialect dialect, NpgsqlDataSource? dataSource, string? directory, string? connectionString = null)
    {
        WorkerSettings = connectionString is not null
            ? new Dictionary<string, string?> { ["ConnectionStrings__Connector"] = connectionString }
            : new Dictionary<string, string?> { ["Storage__DataDirectory"] = directory };
        _dataSource = dataSource;
        _directory = directory;
        Dialect = dialect;
        var store = new SqlConnectorStore(dialect);
        Store = store;
        Routing = new SqlRoutingStore(dialect);
        Outbox = store;
        CrmLinks = store;
        Migrator = new SqlSchemaMigrator(dialect, NullLogger<SqlSchemaMigrator>.Instance);
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
        Intake = new InboundEventIntake(
            store,
            new IdentityNormalizer(Options.Create(new IdentityOptions { DefaultRegion = "GB" })),
            new SensitiveDataRedactor(),
            Options.Create(new ConversationOptions()),
            Time,
            NullLogger<InboundEventIntake>.Instance);
    }

    public IConnectorStore Store { get; }
    public IOutboxStore Outbox { get; }
    public IRoutingStore Routing { get; }
    public ICrmLinkStore CrmLinks { get; }
    public ISchemaMigrator Migrator { get; }
    public InboundEventIntake Intake { get; }
    public FakeTimeProvider Time { get; }

    /// <summary>The environment with which a Worker process runs on this same store.</summary>
    public IReadOnlyDictionary<string, string?> WorkerSettings { get; }

    /// <summary>The PostgreSQL database of this store (each test has its own); null for SQLite.</summary>
    public string? DatabaseName => _dataSource is null ? null : new NpgsqlConnectionStringBuilder(_dataSource.ConnectionString).Database;

    /// <summary>For stores of other features (IMAP cursors…) that share the database.</summary>
    internal SqlDialect Dialect { get; }

    public static async Task<StoreUnderTest> SqliteAsync()
    {
        var directory = Directory.CreateTempSubdirectory("connector-sqlite-").FullName;
        var store = new StoreUnderTest(new SqliteDialect(SqliteDialect.ConnectionStringFor(directory)), null, directory);
        await store.Migrator.MigrateAsync(CancellationToken.None);
        return store;
    }

    public static async Task<StoreUnderTest> PostgresAsync()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        var dataSource = NpgsqlDataSource.Create(connectionString);
        var store = new StoreUnderTest(new PostgresDialect(dataSource), dataSource, null, connectionString);
        await store.Migrator.MigrateAsync(CancellationToken.None);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
