using System.Diagnostics;

namespace Connector.Tests.NodeJs;

/// <summary>Runs <c>node</c> for second-implementation and conformance checks; tests skip when node is not installed.</summary>
public static class NodeRunner
{
    public static string? FindNode()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "node.exe" } : ["node"];
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The node executable, or the test is skipped saying why.</summary>
    public static string RequireNode()
    {
        var node = FindNode();
        Assert.SkipWhen(node is null, "node is not installed (not on PATH): this Node.js check is skipped.");
        return node!;
    }

    public static async Task<NodeResult> RunAsync(
        IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(RequireNode())
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

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        return new NodeResult(process.ExitCode, await stdout, await stderr);
    }
}
