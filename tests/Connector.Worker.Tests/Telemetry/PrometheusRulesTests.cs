using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Telemetry;

/// <summary>
/// The alert rules shipped in <c>deploy/prometheus/alerts.yml</c> pass their unit tests (<c>promtool test rules</c>),
/// and the tests have teeth: a copy of the rules with a threshold moved, or broken, fails.
/// </summary>
public sealed class PrometheusRulesTests : IDisposable
{
    private static readonly string Rules = Path.Combine(RepositoryPaths.Root, "deploy", "prometheus");
    private readonly string _copy = Directory.CreateTempSubdirectory("connector-alerts-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_copy, recursive: true);

    [Fact]
    public async Task The_shipped_alert_rules_pass_promtool_check_and_their_unit_tests()
    {
        var check = await DebianPrometheus.RunAsync(DebianPrometheus.Promtool, Rules, Ct, "check", "rules", "alerts.yml");
        var test = await DebianPrometheus.RunAsync(DebianPrometheus.Promtool, Rules, Ct, "test", "rules", "alerts.test.yml");

        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains("3 rules found", check.Output, StringComparison.Ordinal);
        Assert.True(test.ExitCode == 0, test.Output);
    }

    [Theory]
    [InlineData("< 0.8", "< 0.5", "ConnectorSlaBreachRate")]
    [InlineData("[15m])) > 0", "[15m])) > 1", "ConnectorDeadLetters")]
    [InlineData("{outcome=\"refused\"}", "{outcome=\"refused_\"}", "ConnectorWebhookRefusals")]
    public async Task A_rule_that_no_longer_fires_when_it_should_fails_its_unit_test(string expression, string broken, string alert)
    {
        var (exitCode, output) = await TestCopyAsync(expression, broken);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"alertname: {alert}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rule_that_does_not_parse_fails()
    {
        var (exitCode, output) = await TestCopyAsync("min by (queue, channel)", "min by (queue, channel");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("alerts.yml", output, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output)> TestCopyAsync(string expression, string broken)
    {
        var rules = await File.ReadAllTextAsync(Path.Combine(Rules, "alerts.yml"), Ct);
        Assert.Contains(expression, rules, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(_copy, "alerts.yml"), rules.Replace(expression, broken, StringComparison.Ordinal), Ct);
        File.Copy(Path.Combine(Rules, "alerts.test.yml"), Path.Combine(_copy, "alerts.test.yml"));
        return await DebianPrometheus.RunAsync(DebianPrometheus.Promtool, _copy, Ct, "test", "rules", "alerts.test.yml");
    }
}
