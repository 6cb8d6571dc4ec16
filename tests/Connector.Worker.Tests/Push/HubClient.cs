using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Connector.Tests.NodeJs;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Push;

/// <summary>
/// An agent panel's connection: tests/conformance/signalr/agent.mjs under node, through the official
/// <c>@microsoft/signalr</c> client. Every line it prints (resumed, push, gap, closed, duplicate) is kept in order.
/// </summary>
internal sealed class HubClient : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<JsonElement> _events = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private HubClient(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
            {
                _events.Enqueue(JsonSerializer.Deserialize<JsonElement>(e.Data));
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _errors.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static string Directory => Path.Combine(RepositoryPaths.Root, "tests", "conformance", "signalr");

    public IReadOnlyList<JsonElement> Events => [.. _events];

    public IReadOnlyList<JsonElement> Pushes => [.. _events.Where(e => e.GetProperty("event").GetString() == "push")];

    public string Transcript => string.Join('\n', _events.Select(e => e.GetRawText()).Concat(_errors));

    /// <summary>Connects with <paramref name="apiKey"/> to the first hub URL (then the next after each drop) and resumes after <paramref name="afterSeq"/>.</summary>
    public static HubClient Start(string apiKey, long afterSeq, params Uri[] workers)
    {
        var node = NodeRunner.FindNode();
        Assert.True(node is not null, "node is not on PATH: the push tests drive the official @microsoft/signalr client under Node.js (Debian: apt-get install nodejs npm).");
        Assert.True(System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", "@microsoft", "signalr")),
            $"@microsoft/signalr is not installed: ./build.sh test runs `npm ci` in {Directory} (or run it yourself).");
        var start = new ProcessStartInfo(node!)
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("agent.mjs");
        start.Environment["HUB_URLS"] = string.Join(',', workers.Select(w => new Uri(w, "/hubs/agent").ToString()));
        start.Environment["API_KEY"] = apiKey;
        start.Environment["AFTER_SEQ"] = afterSeq.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new HubClient(Process.Start(start) ?? throw new InvalidOperationException("node did not start"));
    }

    /// <summary>Waits for the <paramref name="count"/>-th event matching <paramref name="match"/> and returns it.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, TimeSpan timeout, int count = 1, Func<string>? context = null)
    {
        JsonElement found = default;
        await Eventually.TrueAsync(() =>
        {
            var matching = _events.Where(match).ToList();
            if (matching.Count >= count)
            {
                found = matching[count - 1];
                return Task.FromResult(true);
            }

            return Task.FromResult(false);
        }, timeout, () => $"{context?.Invoke()}\nclient:\n{Transcript}");
        return found;
    }

    public Task<JsonElement> WaitForPushAsync(string type, TimeSpan timeout, Func<string>? context = null) =>
        WaitForAsync(e => e.GetProperty("event").GetString() == "push" && e.GetProperty("type").GetString() == type, timeout, 1, context);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
