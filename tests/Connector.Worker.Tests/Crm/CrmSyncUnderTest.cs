using System.Text.Json;
using Connector.Core.Compliance;
using Connector.Core.Conversations;
using Connector.Core.Crm;
using Connector.Core.Customers;
using Connector.Core.Intake;
using Connector.Core.Outbox;
using Connector.Core.Routing.Policy;
using Connector.Core.Storage;
using Connector.Worker.Crm;
using Connector.Worker.Hosting;
using Connector.Worker.Outbox;
using Connector.Worker.Qa;
using Connector.Worker.Storage;
using Connector.Worker.Tests.Infrastructure;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.Storage.Monitoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Connector.Worker.Tests.Crm;

/// <summary>
/// The CRM sync as the Worker composes it (store on PostgreSQL, <see cref="OutboxDispatcher"/>, a Hangfire server
/// with <see cref="CrmRetryFilter"/>, <see cref="CrmSyncJob"/>), in process, over a <see cref="RecordingCrm"/>.
/// Back-off settings are shortened so that minutes of waiting take a second.
/// </summary>
internal sealed class CrmSyncUnderTest : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ServiceProvider _services;
    private readonly BackgroundJobServer _server;
    private readonly OutboxDispatcher _dispatcher;

    private CrmSyncUnderTest(NpgsqlDataSource dataSource, SqlDialect dialect, RecordingCrm crm, IReadOnlyDictionary<string, string?> settings, int workers)
    {
        _dataSource = dataSource;
        Crm = crm;
        DataDirectory = Directory.CreateTempSubdirectory("connector-crm-").FullName;
        var store = new SqlConnectorStore(dialect);
        Store = store;
        Routing = new SqlRoutingStore(dialect);
        Intake = new InboundEventIntake(
            store, new IdentityNormalizer(Options.Create(new IdentityOptions { DefaultRegion = "GB" })), new SensitiveDataRedactor(),
            Options.Create(new ConversationOptions()), TimeProvider.System, NullLogger<InboundEventIntake>.Instance);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Crm:Sync:RetryDelay"] = "00:00:00.200",
            ["Crm:Sync:MaxRetryDelay"] = "00:00:00.400",
            ["Crm:Sync:ThrottleDelay"] = "00:00:00.300",
            ["Crm:Sync:MaxThrottleDelay"] = "00:00:00.600",
            ["Crm:Sync:MaxAttempts"] = "3",
        }.Concat(settings).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value)).Build();
        // The adapter comes in as every adapter does: through a registry line that Crm:Provider selects.
        var startup = new StartupConfiguration(new CrmAdapterRegistry().Add("Recording", crm.AddTo).Select("Recording"), null, DataDirectory);
        var outboxOptions = Options.Create(new OutboxOptions { PollInterval = TimeSpan.FromMilliseconds(100), Lease = TimeSpan.FromSeconds(30) });

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(startup);
        services.AddSingleton(new DataDirectory(DataDirectory));
        services.AddSingleton(dialect);
        services.AddSingleton<IConnectorStore>(store);
        services.AddSingleton<IOutboxStore>(store);
        services.AddSingleton<ICrmLinkStore>(store);
        services.AddSingleton<IRoutingStore>(Routing);
        services.AddSingleton<SensitiveDataRedactor>();
        services.AddSingleton(outboxOptions);
        services.AddCrmSync(configuration);
        // The interaction's CRM activity carries its QA scores, as in the Worker: the default charter has no QA forms, so none here.
        services.AddSingleton(RoutingPolicy.Default());
        services.AddQa();
        // Several jobs at once across "Workers": the lock must hold in the database, not in one process.
        services.AddSingleton<ICustomerCrmLock>(new PostgresCustomerCrmLock(dataSource));
        services.AddCrmAdapter(startup, configuration);
        _services = services.BuildServiceProvider(validateScopes: true);

        Jobs = new InMemoryStorage();
        var filters = new JobFilterCollection { new CrmRetryFilter() };
        var filterProvider = new JobFilterProviderCollection(new JobFilterAttributeFilterProvider(), filters);
        Client = new BackgroundJobClient(Jobs, filterProvider);
        // The one way to give a server its own filters and activator without touching Hangfire's process-wide globals,
        // which other tests (and their Workers) would share.
#pragma warning disable CS0618
        _server = new BackgroundJobServer(
            new BackgroundJobServerOptions { WorkerCount = workers, SchedulePollingInterval = TimeSpan.FromMilliseconds(100), ServerName = "crm-sync-test" },
            Jobs, [], filterProvider, new AspNetCoreJobActivator(_services.GetRequiredService<IServiceScopeFactory>()), null, null, null);
#pragma warning restore CS0618
        _dispatcher = new OutboxDispatcher(store, Client, _services.GetRequiredService<OutboxHandlers>(), outboxOptions, new JobStoragePlan(_ => { }, SurvivesRestart: true), TimeProvider.System, NullLogger<OutboxDispatcher>.Instance);
    }

    public RecordingCrm Crm { get; }

    /// <summary>Starts handing due outbox rows to Hangfire (what the Worker does from its start).</summary>
    public Task StartDispatchingAsync() => _dispatcher.StartAsync(CancellationToken.None);
    public IConnectorStore Store { get; }
    public IOutboxStore Outbox => (IOutboxStore)Store;
    public ICrmLinkStore Links => (ICrmLinkStore)Store;
    public IRoutingStore Routing { get; }
    public InboundEventIntake Intake { get; }
    public InMemoryStorage Jobs { get; }
    public BackgroundJobClient Client { get; }
    public string DataDirectory { get; }
    public SqlCrmSyncStore SyncStore => _services.GetRequiredService<SqlCrmSyncStore>();

    /// <summary>As if the Worker died after the CRM answered but before the row was marked done.</summary>
    public async Task ForgetCompletionAsync(long outboxId, CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand("UPDATE outbox SET state = 'pending', completed_at = NULL, lease_until = NULL WHERE id = $1");
        command.Parameters.AddWithValue(outboxId);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<CrmSyncUnderTest> StartAsync(CrmCapabilities capabilities, IReadOnlyDictionary<string, string?>? settings = null, int workers = 4, bool dispatching = true)
    {
        var dataSource = NpgsqlDataSource.Create(await TestPostgres.CreateDatabaseAsync());
        var dialect = new PostgresDialect(dataSource);
        await new SqlSchemaMigrator(dialect, NullLogger<SqlSchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        var sync = new CrmSyncUnderTest(dataSource, dialect, new RecordingCrm(capabilities), settings ?? new Dictionary<string, string?>(), workers);
        if (dispatching)
        {
            await sync.StartDispatchingAsync();
        }

        return sync;
    }

    /// <summary>A WhatsApp message from <paramref name="from"/>; returns what intake made of it.</summary>
    public Task<IntakeResult> WhatsAppAsync(string from, string text, CancellationToken ct) =>
        Intake.AcceptAsync(new InboundEvent(Guid.NewGuid().ToString(), Core.Channels.Channel.WhatsApp, TimelineEventType.Message, Direction.In,
            DateTimeOffset.UtcNow, [new InboundIdentity(IdentityKind.WhatsApp, from)], text), ct);

    /// <summary>What the wrap-up endpoint leaves: the interaction's outbox row.</summary>
    public async Task<string> WrapUpAsync(IntakeResult intake, string agentId, string disposition, CancellationToken ct)
    {
        var conversationId = intake.ConversationId!.Value;
        var taskId = intake.TaskId!.Value;
        var key = InteractionSyncPayload.KeyFor(conversationId, taskId);
        var payload = new InteractionSyncPayload(taskId, agentId, "whatsapp", disposition, "Customer asked about card 4111 1111 1111 1111", DateTimeOffset.UtcNow);
        await using var tx = await Store.BeginAsync(ct);
        await tx.EnqueueOutboxAsync(OutboxMessage.New(OutboxKind.InteractionSync, key, intake.CustomerId, conversationId, taskId, DateTimeOffset.UtcNow,
            JsonSerializer.Serialize(payload, JsonSerializerOptions.Web)), ct);
        await tx.CommitAsync(ct);
        return key;
    }

    /// <summary>What the voice work leaves for a stored recording: a <c>crm.attach</c> row naming the file under the data directory.</summary>
    public async Task<string> AttachAsync(IntakeResult intake, string relativePath, byte[]? content, CancellationToken ct)
    {
        if (content is not null)
        {
            var full = Path.Combine(DataDirectory, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllBytesAsync(full, content, ct);
        }

        var conversationId = intake.ConversationId!.Value;
        var key = $"{conversationId}:{OutboxKind.CrmAttach}:{Path.GetFileName(relativePath)}";
        var payload = new CrmAttachPayload(intake.TaskId!.Value, relativePath, "recording", Path.GetFileName(relativePath), "audio/wav", content?.Length ?? 0);
        await using var tx = await Store.BeginAsync(ct);
        await tx.EnqueueOutboxAsync(OutboxMessage.New(OutboxKind.CrmAttach, key, intake.CustomerId, conversationId, intake.TaskId, DateTimeOffset.UtcNow,
            JsonSerializer.Serialize(payload, JsonSerializerOptions.Web)), ct);
        await tx.CommitAsync(ct);
        return key;
    }

    public async Task<IReadOnlyList<OutboxMessage>> RowsAsync(CancellationToken ct) => await Outbox.ListAsync(null, ct);

    public Task UntilAllDoneAsync(TimeSpan timeout, CancellationToken ct) => Eventually.TrueAsync(
        async () => (await RowsAsync(ct)).All(r => r.State == OutboxState.Done), timeout, () => Describe(ct));

    /// <summary>The Hangfire job that carries out an outbox row (the dashboard's view of it).</summary>
    public JobDetailsDto? JobOf(long outboxId)
    {
        var monitoring = Jobs.GetMonitoringApi();
        foreach (var id in AllJobIds(monitoring))
        {
            var details = monitoring.JobDetails(id);
            if (details?.Job?.Args is [long row, ..] && row == outboxId)
            {
                return details;
            }
        }

        return null;
    }

    public string JobIdOf(long outboxId)
    {
        var monitoring = Jobs.GetMonitoringApi();
        return AllJobIds(monitoring).First(id => monitoring.JobDetails(id)?.Job?.Args is [long row, ..] && row == outboxId);
    }

    public string Describe(CancellationToken ct)
    {
        var rows = RowsAsync(ct).GetAwaiter().GetResult();
        return string.Join('\n', rows.Select(r => $"{r.Id} {r.Kind} {r.State} attempts={r.Attempts} next={r.NextAttemptAt:O} error={r.LastError}"))
            + "\nCRM calls: " + string.Join(", ", Crm.Calls);
    }

    private static IEnumerable<string> AllJobIds(Hangfire.Storage.IMonitoringApi monitoring) =>
        monitoring.ScheduledJobs(0, 1000).Select(j => j.Key)
            .Concat(monitoring.FailedJobs(0, 1000).Select(j => j.Key))
            .Concat(monitoring.SucceededJobs(0, 1000).Select(j => j.Key))
            .Concat(monitoring.ProcessingJobs(0, 1000).Select(j => j.Key))
            .Concat(monitoring.EnqueuedJobs("default", 0, 1000).Select(j => j.Key))
            .Distinct();

    public async ValueTask DisposeAsync()
    {
        await _dispatcher.StopAsync(CancellationToken.None);
        _server.SendStop();
        _server.Dispose();
        await _services.DisposeAsync();
        Jobs.Dispose();
        await _dataSource.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
