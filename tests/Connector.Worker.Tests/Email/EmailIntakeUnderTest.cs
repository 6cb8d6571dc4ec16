using Connector.Core.Compliance;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Core.Intake;
using Connector.Core.Storage;
using Connector.Worker.Acs;
using Connector.Worker.Email;
using Connector.Worker.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Worker.Tests.EmailIntake;

/// <summary>
/// A <see cref="StoreUnderTest"/> plus what the IMAP poll needs from it: the store's dialect for the cursor table,
/// and a data directory for the mail archive.
/// </summary>
public sealed class EmailIntakeUnderTest : IAsyncDisposable
{
    public const string OwnSenderAddress = "DoNotReply@contact.example";

    private readonly StoreUnderTest _store;

    private EmailIntakeUnderTest(StoreUnderTest store)
    {
        _store = store;
        DataDirectory = Directory.CreateTempSubdirectory("connector-email-").FullName;
        Cursors = new ImapCursorStore(store.Dialect);
        Archive = new MailArchive(Path.Combine(DataDirectory, "mail"), new SensitiveDataRedactor());
    }

    public IConnectorStore Store => _store.Store;
    public string DataDirectory { get; }
    public string MailDirectory => Archive.Root;
    public FakeTimeProvider Time => _store.Time;
    internal ImapCursorStore Cursors { get; }
    internal MailArchive Archive { get; }
    internal InboundEventIntake Intake => _store.Intake;
    internal Connector.Worker.Storage.SqlDialect Dialect => _store.Dialect;
    internal EmailTimelineStore EmailTimeline => new(_store.Dialect, new SensitiveDataRedactor());

    public static async Task<EmailIntakeUnderTest> CreateAsync(string storeKind) => storeKind switch
    {
        "sqlite" => await SqliteAsync(),
        "postgres" => await PostgresAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(storeKind), storeKind, "sqlite or postgres"),
    };

    public static async Task<EmailIntakeUnderTest> SqliteAsync() => new(await StoreUnderTest.SqliteAsync());

    public static async Task<EmailIntakeUnderTest> PostgresAsync() => new(await StoreUnderTest.PostgresAsync());

    /// <summary>The job as Hangfire would build it, reading <paramref name="options"/>' folder; <paramref name="logger"/> lets a test step in.</summary>
    internal ImapPollJob JobFor(ImapOptions options, ILogger<ImapPollJob>? logger = null) => new(
        Cursors,
        Archive,
        Intake,
        new EmailTimelineStore(_store.Dialect, new SensitiveDataRedactor()),
        new Claims.IdentityClaimStore(_store.Dialect),
        Options.Create(options),
        Options.Create(new AcsOptions { Email = new AcsEmailOptions { SenderAddress = OwnSenderAddress } }),
        Time,
        logger ?? NullLogger<ImapPollJob>.Instance);

    /// <summary>
    /// The conversations, with their timelines, of the address's verified owner or else of its unverified sender (a
    /// mail without a trusted DMARC pass): none when neither is known.
    /// </summary>
    public async Task<IReadOnlyList<ConversationView>> ConversationsOfAsync(string email, CancellationToken ct)
    {
        var customer = await Store.FindCustomerAsync(new CustomerIdentity(IdentityKind.Email, email), ct)
            ?? await Store.FindCustomerAsync(new CustomerIdentity(IdentityKind.UnverifiedEmail, email), ct);
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
        await _store.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
