using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Connector.Load;

/// <summary>
/// The Worker as its own process (<c>dotnet Connector.Worker.dll</c>), configured by environment variables as an
/// operator would run it, listening on loopback. Keeps the last lines it printed, for when it fails.
/// </summary>
public sealed class WorkerUnderLoad : IAsyncDisposable
{
    private const int KeptLines = 5000;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private WorkerUnderLoad(Process process, Uri baseAddress, string workingDirectory)
    {
        _process = process;
        BaseAddress = baseAddress;
        WorkingDirectory = workingDirectory;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }
    public string WorkingDirectory { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    public string Output => string.Join('\n', _output);

    /// <summary>The Worker built in the tool's own configuration (the project reference builds it with the tool).</summary>
    public static string DefaultDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/{Configuration}/net10.0/
        var dll = Path.Combine(Repository(), "Connector.Worker", "bin", configuration, "net10.0", "Connector.Worker.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"The Worker is not built at {dll}: build tests/Connector.Load (it builds the Worker) or give --worker-dll.");
    }

    /// <summary>The repository the tool was built in (the folder holding Connector.sln).</summary>
    public static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Connector.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Connector.sln not found above {AppContext.BaseDirectory}: give --worker-dll.");
    }

    /// <summary>A loopback address with a free port, for a Worker that must know its own address before it starts (ACS calls it back).</summary>
    public static Uri FreeAddress() => new($"http://127.0.0.1:{ThrowawayPostgres.FreePort()}");

    public static async Task<WorkerUnderLoad> StartAsync(string dll, Uri baseAddress, IReadOnlyDictionary<string, string> environment, CancellationToken ct)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("connector-load-worker-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        // The tool's own hosting settings (a developer's ASPNETCORE_ENVIRONMENT, say) are not the Worker's.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["Urls"] = baseAddress.ToString().TrimEnd('/');
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var worker = new WorkerUnderLoad(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"), baseAddress, workingDirectory);
        await worker.WaitReadyAsync(TimeSpan.FromSeconds(120), ct);
        return worker;
    }

    public ProcessStats Stats() => ProcessStats.Read(_process.Id);

    private async Task WaitReadyAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The Worker exited with code {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // One probe outlasted its 5 s on a busy machine (the Worker still starting up): ask again until the deadline.
            }

            await Task.Delay(200, ct);
        }

        throw new TimeoutException($"The Worker was not ready within {timeout}:\n{Output}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > KeptLines && _output.TryDequeue(out _))
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        // What the Worker printed, for whoever asked (with, say, Logging__LogLevel__Connector.Worker.Routing=Debug in the environment).
        if (Environment.GetEnvironmentVariable("CONNECTOR_LOAD_WORKER_OUTPUT") is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, Output);
        }

        _process.Dispose();
        if (Environment.GetEnvironmentVariable("CONNECTOR_LOAD_KEEP_WORKER_DIRECTORY") == "1")
        {
            // For a look at what the Worker stored (the SQLite store is data/connector.db in it).
            Console.Error.WriteLine($"The Worker's working directory is kept: {WorkingDirectory}");
            return;
        }

        try
        {
            Directory.Delete(WorkingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the dying process: the temp folder is left, nothing else.
        }
    }
}
