using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Core.Intake;
using Connector.Core.Storage;
using Connector.Worker.Acs;
using Connector.Worker.Email;
using Connector.Worker.Storage;
using Connector.Worker.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Connector.Worker.Tests.EmailIntake;

/// <summary>
/// A migrated store with an intake (set up as <see cref="StoreUnderTest"/> does) plus what the IMAP poll needs from
/// it: the same dialect for the cursor table, and a data directory for the mail archive.
/// </summary>
public sealed class EmailIntakeUnderTest : IAsyncDisposable
{
    public const string OwnSenderAddress = "DoNotReply@contact.example";

    private readonly NpgsqlDataSource? _dataSource;

    private EmailIntakeUnderTest(SqlDialect dialect, NpgsqlDataSource? dataSource, string dataDirectory)
    {
        _dataSource = dataSource;
        DataDirectory = dataDirectory;
        var store = new SqlConnectorStore(dialect);
        Store = store;
        Cursors = new ImapCursorStore(dialect);
        Archive = new MailArchive(Path.Combine(dataDirectory, "mail"));
        Migrator = new SqlSchemaMigrator(dialect, NullLogger<SqlSchemaMigrator>.Instance);
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
        Intake = new InboundEventIntake(
            store,
            new IdentityNormalizer(Options.Create(new IdentityOptions { DefaultRegion = "GB" })),
            Options.Create(new ConversationOptions()),
            Time,
            NullLogger<InboundEventIntake>.Instance);
    }

    public IConnectorStore Store { get; }
    public string DataDirectory { get; }
    public string MailDirectory => Archive.Root;
    public FakeTimeProvider Time { get; }
    internal ImapCursorStore Cursors { get; }
    internal MailArchive Archive { get; }
    internal InboundEventIntake Intake { get; }
    private SqlSchemaMigrator Migrator { get; }

    public static async Task<EmailIntakeUnderTest> CreateAsync(string storeKind) => storeKind switch
    {
        "sqlite" => await SqliteAsync(),
        "postgres" => await PostgresAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(storeKind), storeKind, "sqlite or postgres"),
    };

    public static async Task<EmailIntakeUnderTest> SqliteAsync()
    {
        var directory = Directory.CreateTempSubdirectory("connector-email-").FullName;
        var store = new EmailIntakeUnderTest(new SqliteDialect(SqliteDialect.ConnectionStringFor(directory)), null, directory);
        await store.Migrator.MigrateAsync(CancellationToken.None);
        return store;
    }

    public static async Task<EmailIntakeUnderTest> PostgresAsync()
    {
        var dataSource = NpgsqlDataSource.Create(await TestPostgres.CreateDatabaseAsync());
        var store = new EmailIntakeUnderTest(new PostgresDialect(dataSource), dataSource, Directory.CreateTempSubdirectory("connector-email-").FullName);
        await store.Migrator.MigrateAsync(CancellationToken.None);
        return store;
    }

    /// <summary>The job as Hangfire would build it, reading <paramref name="options"/>' folder; <paramref name="logger"/> lets a test step in.</summary>
    internal ImapPollJob JobFor(ImapOptions options, ILogger<ImapPollJob>? logger = null) => new(
        Cursors,
        Archive,
        Intake,
        Options.Create(options),
        Options.Create(new AcsOptions { Email = new AcsEmailOptions { SenderAddress = OwnSenderAddress } }),
        Time,
        logger ?? NullLogger<ImapPollJob>.Instance);

    /// <summary>The customer's conversations with their timelines (none when the customer is unknown).</summary>
    public async Task<IReadOnlyList<ConversationView>> ConversationsOfAsync(string email, CancellationToken ct)
    {
        var customer = await Store.FindCustomerAsync(new CustomerIdentity(IdentityKind.Email, email), ct);
        if (customer is null)
        {
            return [];
        }

        var views = new List<ConversationView>();
        foreach (var id in (await Store.ListConversationIdsAsync(customer.Id, ct)).Reverse())
        {
            views.Add((await Store.GetConversationAsync(id, ct))!);
        }

        return views;
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
