using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;

namespace Connector.Worker.Tests.Infrastructure;

/// <summary>
/// A real Worker process (the built Connector.Worker.dll under <c>dotnet</c>), listening on loopback, with its
/// configuration given as environment variables, exactly as an operator would run it.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<HttpClient>>> _agents = new();

    private WorkerProcess(Process process, Uri baseAddress, string workingDirectory, string? adminKey)
    {
        _process = process;
        BaseAddress = baseAddress;
        WorkingDirectory = workingDirectory;
        AdminKey = adminKey;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (adminKey is not null)
        {
            Http.DefaultRequestHeaders.Add("X-Api-Key", adminKey);
        }

        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }
    public string WorkingDirectory { get; }
    /// <summary>Sends the Worker's bootstrap admin key (<see cref="AdminKey"/>), as an operator's tool would.</summary>
    public HttpClient Http { get; }

    /// <summary>The Worker's <c>Api:AdminKey</c>: a fresh random one unless the test set its own (or none, as null).</summary>
    public string? AdminKey { get; }
    public string Output => string.Join('\n', _output);
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts a Worker; <paramref name="urls"/> null means the Worker's own default (http://localhost:5080). Unless the
    /// environment names <c>Api__AdminKey</c> (null for none), the Worker gets a random admin key that <see cref="Http"/> sends.
    /// <paramref name="arguments"/> follow the dll on the command line (a verb such as <c>demo</c>); <see cref="Output"/> has what it prints.
    /// </summary>
    public static WorkerProcess Start(IDictionary<string, string?> environment, string? workingDirectory = null, string? urls = null, IReadOnlyList<string>? arguments = null)
    {
        workingDirectory ??= Directory.CreateTempSubdirectory("connector-worker-").FullName;
        urls ??= $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryPaths.WorkerDll);
        foreach (var argument in arguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        if (urls != "default")
        {
            start.Environment["Urls"] = urls;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var adminKey = environment.TryGetValue("Api__AdminKey", out var given) ? given : Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        if (adminKey is not null)
        {
            start.Environment["Api__AdminKey"] = adminKey;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var address = new Uri(urls == "default" ? "http://localhost:5080" : urls);
        return new WorkerProcess(process, address, workingDirectory, adminKey);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// A client acting as the agent (who must exist): it sends a key issued for them by <c>POST /api/keys</c>, one per
    /// agent and Worker. Agent actions (offers, wrap-up, replies, call controls) go through it.
    /// </summary>
    public Task<HttpClient> AgentAsync(string agentId, string role = "agent") =>
        _agents.GetOrAdd($"{role}:{agentId}", _ => new Lazy<Task<HttpClient>>(async () =>
        {
            var issued = await Http.PostAsJsonAsync("/api/keys", new { name = $"test {role} {agentId}", role, agentId });
            if (!issued.IsSuccessStatusCode)
            {
                Assert.Fail($"POST /api/keys for {agentId} answered {(int)issued.StatusCode}: {await issued.Content.ReadAsStringAsync()}");
            }

            var key = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
            var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
            return client;
        })).Value;

    /// <summary>Waits until <paramref name="path"/> answers 200; fails with the Worker's output if it does not in time.</summary>
    public async Task<TimeSpan> WaitForAsync(string path, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"The Worker exited with code {_process.ExitCode} before {path} answered:\n{Output}");
            }

            try
            {
                using var response = await Http.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return clock.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{path} did not answer 200 within {timeout}:\n{Output}");
        return clock.Elapsed;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush; what was committed is all that survives.</summary>
    public async Task KillHardAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Http.Dispose();
        foreach (var agent in _agents.Values.Where(a => a.IsValueCreated && a.Value.IsCompletedSuccessfully))
        {
            agent.Value.Result.Dispose();
        }
    }
}
