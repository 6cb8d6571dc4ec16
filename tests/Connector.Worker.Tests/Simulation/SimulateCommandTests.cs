using System.Diagnostics;
using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Simulation;

/// <summary><c>simulate</c> as a planner runs it: the built Worker under <c>dotnet</c>, a scenario file, JSON out.</summary>
public sealed class SimulateCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task It_prints_the_report_as_json_with_every_documented_figure()
    {
        var scenario = WriteScenario("""
            durationHours: 6
            warmupHours: 1
            seed: 7
            channels:
              voice: { arrivalsPerHour: 100, meanHandleSeconds: 180, slaSeconds: 20, meanPatienceSeconds: 0 }
              chat:  { arrivalsPerHour: 60,  meanHandleSeconds: 420, slaSeconds: 30 }
            agents:
              - count: 6
                capacity: { total: 100, cost: { voice: 100, chat: 35 } }
                skills: {}
                channels: [voice, chat]
            """);

        var (exitCode, stdout, stderr) = await RunAsync("simulate", "--scenario", scenario);

        Assert.True(exitCode == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(7, root.GetProperty("seed").GetInt32());
        Assert.Equal(6, root.GetProperty("simulatedHours").GetDouble());
        foreach (var channel in new[] { "voice", "chat" })
        {
            var figures = root.GetProperty("channels").GetProperty(channel);
            foreach (var field in new[] { "offered", "handled", "abandoned", "stillWaiting", "answeredWithinSla", "slaSeconds", "serviceLevel", "averageSpeedOfAnswerSeconds", "occupancy" })
            {
                Assert.Equal(JsonValueKind.Number, figures.GetProperty(field).ValueKind);
            }
        }

        Assert.InRange(root.GetProperty("agents").GetProperty("occupancy").GetDouble(), 0.01, 1);
        Assert.Equal(6, root.GetProperty("agents").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_bad_scenario_exits_2_naming_the_file_line_and_field()
    {
        var scenario = WriteScenario("""
            durationHours: 6
            channels:
              voice: { arrivalsPerHour: lots, meanHandleSeconds: 180, slaSeconds: 20 }
            agents:
              - count: 2
            """);

        var (exitCode, stdout, stderr) = await RunAsync("simulate", "--scenario", scenario);

        Assert.Equal(2, exitCode);
        Assert.Empty(stdout);
        Assert.Contains($"{scenario}:3:29: channels.voice.arrivalsPerHour: must be a number (got 'lots')", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_prints_the_usage_and_a_missing_scenario_is_a_usage_error()
    {
        var help = await RunAsync("simulate", "--help");
        var missing = await RunAsync("simulate");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("simulate --scenario FILE", help.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--scenario FILE is required", missing.Stderr, StringComparison.Ordinal);
    }

    private static string WriteScenario(string yaml)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("connector-simulate-").FullName, "scenario.yaml");
        File.WriteAllText(path, yaml);
        return path;
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
