using System.Diagnostics;

namespace Connector.Worker.Tests.Telemetry;

/// <summary>
/// Debian's <c>prometheus</c> package (prometheus and promtool; <c>.ci/run</c> installs it). Without it the tests that
/// need it fail saying how to get it, rather than skip.
/// </summary>
internal static class DebianPrometheus
{
    public static string Prometheus => Find("prometheus");

    public static string Promtool => Find("promtool");

    /// <summary>Runs a tool to its end; returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string tool, string workingDirectory, CancellationToken ct, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string Find(string name)
    {
        var path = $"/usr/bin/{name}";
        Assert.True(File.Exists(path), $"{path} is missing: apt-get install prometheus (.ci/run installs it).");
        return path;
    }
}
