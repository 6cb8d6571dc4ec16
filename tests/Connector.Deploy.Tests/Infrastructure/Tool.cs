using System.Diagnostics;

namespace Connector.Deploy.Tests.Infrastructure;

/// <summary>One run of a command-line tool: its exit code and everything it printed.</summary>
public sealed record ToolRun(int ExitCode, string Output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static async Task<ToolRun> RunAsync(string executable, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start");
        using var timeout = new CancellationTokenSource(Limit);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} {string.Join(' ', arguments)} ran longer than {Limit}");
        }

        return new ToolRun(process.ExitCode, await stdout + await stderr);
    }
}
