using System.Diagnostics;
using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Staffing;

/// <summary><c>staff</c> as a planner runs it: the built Worker under <c>dotnet</c>, JSON out.</summary>
public sealed class StaffCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Staff_prints_the_plan_as_json_for_a_channels_forecast()
    {
        var run = await RunAsync("staff", "--channel", "voice", "--per-hour", "100", "--handle", "180", "--within", "20", "--service-level", "0.8");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var plan = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.Equal(("voice", 8, 5.0), (plan.GetProperty("channel").GetString(), plan.GetProperty("agents").GetInt32(), plan.GetProperty("erlangs").GetDouble()));
    }

    [Fact]
    public async Task Help_prints_the_usage_and_bad_values_are_a_usage_error_naming_each_option()
    {
        var help = await RunAsync("staff", "--help");
        var bad = await RunAsync("staff", "--channel", "fax", "--per-hour", "lots", "--within", "20");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("staff --channel CHANNEL --per-hour N --handle SECONDS --within SECONDS", help.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, bad.ExitCode);
        Assert.Empty(bad.Stdout);
        Assert.Contains("staff: --channel 'fax' is not one of", bad.Stderr, StringComparison.Ordinal);
        Assert.Contains("staff: --per-hour must be a number of contacts per hour", bad.Stderr, StringComparison.Ordinal);
        Assert.Contains("staff: --handle is required", bad.Stderr, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(RepositoryPaths.WorkerDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
