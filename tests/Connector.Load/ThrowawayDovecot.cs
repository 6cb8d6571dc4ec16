using System.Diagnostics;

namespace Connector.Load;

/// <summary>
/// The repository's throwaway IMAP server (<c>tests/infra/dovecot.sh</c>, as the test suite starts it): Dovecot on a
/// free loopback port with one mailbox, agent@example.com / secret, no TLS. Stopped and removed on dispose.
/// </summary>
public sealed class ThrowawayDovecot : IAsyncDisposable
{
    public const string User = "agent@example.com";
    public const string Password = "secret";

    private readonly string _script;
    private readonly string _dir;

    private ThrowawayDovecot(string script, string dir, string hostPort)
    {
        _script = script;
        _dir = dir;
        HostPort = hostPort;
    }

    /// <summary>127.0.0.1:port.</summary>
    public string HostPort { get; }

    public static async Task<ThrowawayDovecot> StartAsync(string repository, CancellationToken ct)
    {
        var script = Path.Combine(repository, "tests", "infra", "dovecot.sh");
        var (exit, output, errors) = await RunAsync(script, ["start"], ct);
        // The script prints only its export lines on stdout, for eval.
        var exports = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("export ", StringComparison.Ordinal))
            .Select(l => l["export ".Length..].Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        if (exit != 0 || !exports.TryGetValue("CONNECTOR_TEST_IMAP", out var hostPort) || !exports.TryGetValue("CONNECTOR_TEST_IMAP_DIR", out var dir))
        {
            throw new InvalidOperationException($"{script} start failed (exit {exit}):\n{errors}");
        }

        return new ThrowawayDovecot(script, dir, hostPort);
    }

    public async ValueTask DisposeAsync() => await RunAsync(_script, ["stop", _dir], CancellationToken.None);

    private static async Task<(int Exit, string Output, string Errors)> RunAsync(string script, string[] args, CancellationToken ct)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await output, await errors);
    }
}
