using Connector.Core.Channels;
using Connector.Core.Routing.Policy;
using Connector.Worker.Acs;
using Connector.Worker.Audit;
using Connector.Worker.Kpis;
using Connector.Worker.Retention;
using Connector.Worker.Storage;
using Connector.Worker.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Worker.Tests.Retention;

/// <summary>
/// The presence log (one row per change of an agent's presence) kept for <c>Retention:PresenceLogWindow</c> on a real
/// store of each kind, and the KPIs' logged-in time over that window the same before and after the purge.
/// </summary>
public sealed class PresenceLogRetentionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public Task On_SQLite_presence_changes_older_than_the_window_go_but_each_agents_state_at_its_start_stays_and_the_KPIs_read_the_same() =>
        KeepsTheWindowAsync(StoreUnderTest.SqliteAsync);

    [Fact]
    public Task On_PostgreSQL_presence_changes_older_than_the_window_go_but_each_agents_state_at_its_start_stays_and_the_KPIs_read_the_same() =>
        KeepsTheWindowAsync(StoreUnderTest.PostgresAsync);

    [Fact]
    public void A_window_of_zero_is_refused_at_start_naming_the_key()
    {
        var result = new RetentionOptionsValidator().Validate(null, new RetentionOptions { PresenceLogWindow = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains("Retention:PresenceLogWindow", result.FailureMessage, StringComparison.Ordinal);
    }

    private static async Task KeepsTheWindowAsync(Func<Task<StoreUnderTest>> open)
    {
        await using var store = await open();
        var now = store.Time.GetUtcNow();
        var options = new RetentionOptions();
        var start = now - options.PresenceLogWindow;
        // ann: chat 500 days ago, offline 450, chat and voice from 420 (so at the window's start), offline 10 days ago.
        // bob: voice from 600 days ago and never changed since: his only change says he is online all through the window.
        await LogAsync(store, "ann", now.AddDays(-500), "chat");
        await LogAsync(store, "ann", now.AddDays(-450), "");
        await LogAsync(store, "ann", now.AddDays(-420), "chat,voice");
        await LogAsync(store, "ann", now.AddDays(-10), "");
        await LogAsync(store, "bob", now.AddDays(-600), "voice");
        var window = new KpiQuery(start, now, KpiBucket.Day, RepeatDays: 7);
        var before = await LoggedInAsync(store, window, now);

        var audit = new AuditLog(store.Dialect, new FakeTimeProvider(now));
        var job = JobOver(store, audit, now, options);
        await job.RunAsync(Ct);
        await job.RunAsync(Ct);

        Assert.Equal(["ann -420 chat,voice", "ann -10 ", "bob -600 voice"], await RowsAsync(store, now));
        var after = await LoggedInAsync(store, window, now);
        Assert.Equal(before, after);
        Assert.Equal(390 * 86_400d, after[Channel.Chat]);
        Assert.Equal((390 + 400) * 86_400d, after[Channel.Voice]);
        // Batches of one: one audited purge per batch, and the second run found nothing more.
        var purges = await audit.ListAsync(new AuditQuery(AuditKinds.Purge, null, null, null, null), null, 100, Ct);
        Assert.Equal([1, 1], purges.Select(p => p.Detail.GetProperty("count").GetInt32()));
        Assert.All(purges, p => Assert.Equal("presenceLog", p.Detail.GetProperty("kind").GetString()));
        Assert.All(purges, p => Assert.Equal("Retention:PresenceLogWindow", p.Detail.GetProperty("rule").GetString()));
    }

    private static RetentionJob JobOver(StoreUnderTest store, AuditLog audit, DateTimeOffset now, RetentionOptions options)
    {
        // No charter retention and no ACS: only the presence log is due.
        var acs = Options.Create(new AcsOptions());
        var connection = new AcsConnection(acs);
        return new RetentionJob(store.Dialect, new DataDirectory(Directory.CreateTempSubdirectory("connector-presence-").FullName), RoutingPolicy.Default(),
            new LegalHoldStore(store.Dialect, audit), audit, new AcsCallRecordingClient(new HttpClient(), connection, new AcsFileHosts(acs, connection), TimeProvider.System),
            connection, new FakeTimeProvider(now), Options.Create(options), NullLogger<RetentionJob>.Instance)
        { BatchSize = 1 };
    }

    private static async Task LogAsync(StoreUnderTest store, string agent, DateTimeOffset at, string channels)
    {
        await using var connection = await store.Dialect.OpenAsync(Ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO agent_presence_log (agent_id, at, channels) VALUES (@agent, @at, @channels)", new { agent, at, channels }, cancellationToken: Ct));
    }

    private static async Task<List<string>> RowsAsync(StoreUnderTest store, DateTimeOffset now)
    {
        var rows = await new KpiStore(store.Dialect).PresenceAsync(new KpiQuery(now.AddYears(-10), now, KpiBucket.Day, 7), Ct);
        return [.. rows.Select(r => $"{r.AgentId} {Math.Round((r.At - now).TotalDays)} {r.Channels}")];
    }

    private static async Task<Dictionary<Channel, double>> LoggedInAsync(StoreUnderTest store, KpiQuery query, DateTimeOffset now)
    {
        var presence = await new KpiStore(store.Dialect).PresenceAsync(query, Ct);
        var report = KpiCalculator.Compute(query, [], presence, new Dictionary<Channel, TimeSpan?>(), now);
        return new Dictionary<Channel, double>
        {
            [Channel.Chat] = report.Channels.Single(c => c.Channel == "chat").LoggedInSeconds,
            [Channel.Voice] = report.Channels.Single(c => c.Channel == "voice").LoggedInSeconds,
        };
    }
}
