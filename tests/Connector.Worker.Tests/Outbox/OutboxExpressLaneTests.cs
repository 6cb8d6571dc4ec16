using System.Collections.Concurrent;
using Connector.Core.Outbox;
using Connector.Core.Storage;
using Connector.Worker.Hosting;
using Connector.Worker.Outbox;
using Connector.Worker.Storage;
using Connector.Worker.Tests.Infrastructure;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connector.Worker.Tests.Outbox;

/// <summary>
/// The rows people wait for (an agent's join, the bot's answer) run in the Worker as soon as they are committed, not
/// at the dispatcher's next poll and not behind Hangfire's workers; only their retries go to Hangfire.
/// </summary>
public sealed class OutboxExpressLaneTests
{
    private const string AtOnce = "test.at-once";
    private const string Later = "test.later";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_row_people_wait_for_runs_once_committed_with_no_Hangfire_job_though_the_next_poll_is_an_hour_away()
    {
        await using var rig = await Rig.StartAsync(maxAttempts: 10, Ct);
        // Written before the dispatcher starts: its first round hands it to Hangfire, as every kind that can wait.
        var waiting = await rig.WriteAsync(Later, Ct);
        await rig.StartDispatchingAsync(Ct);
        await Eventually.TrueAsync(() => Task.FromResult(rig.Jobs.JobFor(waiting) is not null), TimeSpan.FromSeconds(15));

        // The first round is over and the next poll is an hour away: only the commit's wake can hand this one out.
        var joined = await rig.WriteAsync(AtOnce, Ct);
        var run = await rig.Handler.Ran(joined).WaitAsync(TimeSpan.FromSeconds(15), Ct);

        Assert.Equal(AtOnce, run.Kind);
        await Eventually.TrueAsync(async () => (await rig.Outbox.GetAsync(joined, Ct))?.State == OutboxState.Done, TimeSpan.FromSeconds(15));
        var row = await rig.Outbox.GetAsync(joined, Ct);
        Assert.Equal(1, row!.Attempts);
        Assert.Null(rig.Jobs.JobFor(joined));
        Assert.Equal([waiting], rig.Jobs.Created.Select(j => j.OutboxId));
        Assert.False(rig.Handler.Ran(waiting).IsCompleted, "the row that can wait is Hangfire's to run, not the lane's");
    }

    [Fact]
    public async Task A_row_that_fails_at_once_keeps_its_error_and_is_retried_by_a_Hangfire_job()
    {
        await using var rig = await Rig.StartAsync(maxAttempts: 10, Ct);
        await rig.StartDispatchingAsync(Ct);
        rig.Handler.FailNext("ACS answered 503");

        var joined = await rig.WriteAsync(AtOnce, Ct);

        await Eventually.TrueAsync(() => Task.FromResult(rig.Jobs.JobFor(joined) is not null), TimeSpan.FromSeconds(15));
        var job = rig.Jobs.JobFor(joined)!.Value;
        Assert.Equal(nameof(OutboxJob.RunAsync), job.Job.Method.Name);
        Assert.IsType<EnqueuedState>(job.State);
        var row = await rig.Outbox.GetAsync(joined, Ct);
        Assert.Equal(OutboxState.Pending, row!.State);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("ACS answered 503", row.LastError, StringComparison.Ordinal);
        // Leased while Hangfire retries: the dispatcher does not hand it out a second time.
        Assert.Empty(await rig.Outbox.ClaimDueAsync(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(2), 10, Ct));
    }

    [Fact]
    public async Task A_row_whose_only_attempt_fails_at_once_is_dead_lettered_and_not_revived_by_a_retry()
    {
        await using var rig = await Rig.StartAsync(maxAttempts: 1, Ct);
        await rig.StartDispatchingAsync(Ct);
        rig.Handler.FailNext("ACS answered 400");

        var joined = await rig.WriteAsync(AtOnce, Ct);

        await Eventually.TrueAsync(async () => (await rig.Outbox.GetAsync(joined, Ct))?.State == OutboxState.Dead, TimeSpan.FromSeconds(15));
        // A second at-once row afterwards runs through the same lane: the failure above was handled before it.
        var next = await rig.WriteAsync(AtOnce, Ct);
        await rig.Handler.Ran(next).WaitAsync(TimeSpan.FromSeconds(15), Ct);
        await Eventually.TrueAsync(async () => (await rig.Outbox.GetAsync(next, Ct))?.State == OutboxState.Done, TimeSpan.FromSeconds(15));
        Assert.Null(rig.Jobs.JobFor(joined));
        Assert.Equal(OutboxState.Dead, (await rig.Outbox.GetAsync(joined, Ct))!.State);
    }

    /// <summary>The outbox as the Worker composes it (store, dispatch table, wake, lane, dispatcher) on SQLite, with Hangfire's client recorded.</summary>
    private sealed class Rig : IAsyncDisposable
    {
        private readonly ServiceProvider _services;
        private readonly string _directory;
        private readonly List<IHostedService> _started = [];

        private Rig(ServiceProvider services, string directory)
        {
            _services = services;
            _directory = directory;
        }

        public Script Handler => _services.GetRequiredService<Script>();
        public RecordingJobClient Jobs => (RecordingJobClient)_services.GetRequiredService<IBackgroundJobClient>();
        public IOutboxStore Outbox => _services.GetRequiredService<IOutboxStore>();
        private IConnectorStore Store => _services.GetRequiredService<IConnectorStore>();

        public static async Task<Rig> StartAsync(int maxAttempts, CancellationToken ct)
        {
            var directory = Directory.CreateTempSubdirectory("connector-express-").FullName;
            var dialect = new SqliteDialect(SqliteDialect.ConnectionStringFor(directory));
            await new SqlSchemaMigrator(dialect, NullLogger<SqlSchemaMigrator>.Instance).MigrateAsync(ct);
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Outbox:PollInterval"] = "01:00:00",
                ["Outbox:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }).Build();
            var services = new ServiceCollection();
            services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
            services.AddSingleton(TimeProvider.System);
            services.AddSingleton(new JobStoragePlan(_ => { }, SurvivesRestart: true));
            services.AddSingleton<IBackgroundJobClient, RecordingJobClient>();
            services.AddSingleton<Script>();
            services.AddOutbox(configuration);
            services.AddOutboxHandlerRunAtOnce<ScriptedHandler>(AtOnce);
            services.AddOutboxHandler<ScriptedHandler>(Later);
            // The store tells the dispatch table what it committed, as the Worker's store does.
            services.AddSingleton(sp => new SqlConnectorStore(dialect, sp.GetRequiredService<OutboxHandlers>()));
            services.AddSingleton<IConnectorStore>(sp => sp.GetRequiredService<SqlConnectorStore>());
            services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<SqlConnectorStore>());
            return new Rig(services.BuildServiceProvider(validateScopes: true), directory);
        }

        public async Task StartDispatchingAsync(CancellationToken ct)
        {
            foreach (var service in _services.GetServices<IHostedService>())
            {
                await service.StartAsync(ct);
                _started.Add(service);
            }
        }

        public async Task<long> WriteAsync(string kind, CancellationToken ct)
        {
            var key = $"{kind}:{Guid.NewGuid()}";
            await using (var tx = await Store.BeginAsync(ct))
            {
                await tx.EnqueueOutboxAsync(OutboxMessage.New(kind, key, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow), ct);
                await tx.CommitAsync(ct);
            }

            return (await Outbox.ListAsync(null, ct)).Single(r => r.IdempotencyKey == key).Id;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var service in Enumerable.Reverse(_started))
            {
                await service.StopAsync(CancellationToken.None);
            }

            await _services.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>What both test kinds' handler did: each run recorded, and the next one failed when told to.</summary>
    private sealed class Script
    {
        private readonly ConcurrentDictionary<long, TaskCompletionSource<OutboxMessage>> _runs = new();
        private string? _failure;

        public Task<OutboxMessage> Ran(long outboxId) => Run(outboxId).Task;

        public void FailNext(string failure) => _failure = failure;

        public void Record(OutboxMessage message)
        {
            Run(message.Id).TrySetResult(message);
            if (Interlocked.Exchange(ref _failure, null) is { } failure)
            {
                throw new HttpRequestException(failure);
            }
        }

        private TaskCompletionSource<OutboxMessage> Run(long outboxId) =>
            _runs.GetOrAdd(outboxId, _ => new TaskCompletionSource<OutboxMessage>(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    private sealed class ScriptedHandler(Script script) : IOutboxHandler
    {
        public Task HandleAsync(OutboxMessage message, CancellationToken ct)
        {
            script.Record(message);
            return Task.CompletedTask;
        }
    }

    /// <summary>Hangfire's client, recording the jobs it is asked to create instead of storing them.</summary>
    private sealed class RecordingJobClient : IBackgroundJobClient
    {
        private readonly ConcurrentQueue<(long OutboxId, Job Job, IState State)> _created = new();

        public IReadOnlyList<(long OutboxId, Job Job, IState State)> Created => [.. _created];

        public (long OutboxId, Job Job, IState State)? JobFor(long outboxId) =>
            _created.Where(j => j.OutboxId == outboxId).Select(j => ((long, Job, IState)?)j).FirstOrDefault();

        public string Create(Job job, IState state)
        {
            _created.Enqueue(((long)job.Args[0]!, job, state));
            return _created.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }
}
