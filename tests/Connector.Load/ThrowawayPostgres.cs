using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Connector.Load;

/// <summary>
/// A PostgreSQL cluster of our own on loopback, as build.sh starts one (initdb, pg_ctl, trust auth, no fsync), with
/// pg_stat_statements preloaded so the run can be profiled statement by statement. Removed on dispose.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _dir;
    private readonly string[] _runAs;

    private ThrowawayPostgres(string bin, string dir, string[] runAs, int port)
    {
        _bin = bin;
        _dir = dir;
        _runAs = runAs;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=connector;Database=postgres";
    }

    /// <summary>The server's <c>postgres</c> database as the superuser <c>connector</c>.</summary>
    public string ConnectionString { get; }

    public static async Task<ThrowawayPostgres> StartAsync(TextWriter log)
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).Order().LastOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("No PostgreSQL under /usr/lib/postgresql/*/bin (Debian: apt-get install postgresql), and no --pg given.");
        }

        var dir = Directory.CreateTempSubdirectory("connector-load-pg-").FullName;
        // PostgreSQL refuses to run as root: as build.sh does, run the cluster as the postgres user.
        string[] runAs = Environment.UserName == "root" ? ["runuser", "-u", "postgres", "--"] : [];
        if (runAs.Length > 0)
        {
            await RunAsync("chown", ["-R", "postgres", dir]);
        }

        var port = FreePort();
        var server = new ThrowawayPostgres(bin, dir, runAs, port);
        await server.RunPgAsync("initdb", ["-D", $"{dir}/data", "-U", "connector", "--auth=trust", "-E", "UTF8"]);
        await server.RunPgAsync("pg_ctl", ["-D", $"{dir}/data", "-l", $"{dir}/server.log", "-w", "-o",
            $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off " +
            "-c full_page_writes=off -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.max=10000", "start"]);
        log.WriteLine($"PostgreSQL ({bin}) on 127.0.0.1:{port}, data in {dir}");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunPgAsync("pg_ctl", ["-D", $"{_dir}/data", "-m", "immediate", "stop"]);
        }
        finally
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private Task RunPgAsync(string tool, string[] arguments) =>
        _runAs.Length == 0
            ? RunAsync(Path.Combine(_bin, tool), arguments)
            : RunAsync(_runAs[0], [.. _runAs[1..], Path.Combine(_bin, tool), .. arguments]);

    private static async Task RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}{await error}");
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
