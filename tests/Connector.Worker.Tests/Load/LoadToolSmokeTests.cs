using Connector.Load;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Load;

/// <summary>
/// The load tool (tests/Connector.Load) kept working: a few seconds at a low rate against a real Worker on each store,
/// on all four channels (calls through the fake ACS, emails through the tool's own throwaway Dovecot), no thresholds
/// (figures are for benchmarks, not tests), but every message must be accounted for.
/// </summary>
public sealed class LoadToolSmokeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_short_run_on_postgres_accounts_for_every_message_and_prints_its_figures()
    {
        var report = await RunAsync("--store", "postgres", "--pg", TestPostgres.ServerConnectionString);

        Assert.True(report.NothingLost, report.ToString());
        Assert.Contains("webhook answer:", report.ToString(), StringComparison.Ordinal);
        Assert.Contains("PostgreSQL transactions per message:", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_run_on_sqlite_accounts_for_every_message_and_prints_its_figures()
    {
        // With a phone team: two of the five agents take calls only, the other three everything else.
        var report = await RunAsync("--store", "sqlite", "--voice-agents", "0.4");

        Assert.True(report.NothingLost, report.ToString());
        Assert.Contains("sent → offer committed:", report.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--voice", "0", "--voice-agents", "0.3")]
    [InlineData("--voice-agents", "1")]
    [InlineData("--voice-agents", "0")]
    public void A_phone_team_is_refused_without_calls_in_the_mix_or_without_anyone_left_for_the_other_channels(params string[] args)
    {
        var refusal = Assert.Throws<ArgumentException>(() => LoadOptions.Parse(args));

        Assert.StartsWith("--voice-agents", refusal.Message, StringComparison.Ordinal);
    }

    private static async Task<LoadReport> RunAsync(params string[] store)
    {
        var options = LoadOptions.Parse(["--rate", "10", "--seconds", "3", "--agents", "5", "--warmup-seconds", "0", "--drain-seconds", "30", "--crm", "salesforce", "--voice", "0.2", "--email", "0.2", .. store]);
        var log = new StringWriter();
        var report = await LoadRun.RunAsync(options, log, Ct);
        TestContext.Current.TestOutputHelper?.WriteLine(log + "\n" + report);
        Assert.Equal(30, report.Sent);
        Assert.Equal(report.Sent, report.Accepted);
        Assert.Equal(["chat", "email", "voice", "whatsapp"], report.SentByChannel.Keys.Order(StringComparer.Ordinal));
        return report;
    }
}
