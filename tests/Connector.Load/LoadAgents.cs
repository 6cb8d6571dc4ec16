using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Connector.Load;

/// <summary>
/// Agents at work, as the panel drives the Worker: made through the API with the admin key, each with their own API key
/// and SignalR connection to <c>/hubs/agent</c>, online on every channel of the mix (for calls with a line: an ACS user
/// made by <paramref name="newLine"/>). On each offer pushed to them they think, accept, think, reply on the channel,
/// think and wrap up with a disposition, which frees their capacity; a call they accept is joined by the Worker and
/// ended by the caller (<see cref="LoadCallers"/>), then wrapped up by the charter's time. In the memory scenario they
/// accept and keep the conversation open.
/// </summary>
public sealed class LoadAgents(HttpClient admin, HttpClient agentsHttp, Uri worker, LoadOptions options, Func<string>? newLine = null) : IAsyncDisposable
{
    private readonly ConcurrentBag<HubConnection> _connections = [];
    private ConcurrentBag<double> _offerToAgentMs = [];
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _failureSamples = new();
    private readonly ConcurrentBag<Task> _work = [];
    private int _offers;
    private int _accepted;
    private int _replied;
    private int _wrappedUp;

    public IEnumerable<double> OfferToAgentMs => _offerToAgentMs;
    public int Offers => _offers;
    public int Accepted => _accepted;
    public int Replied => _replied;
    public int WrappedUp => _wrappedUp;
    public IReadOnlyDictionary<string, int> Failures => _failures;
    public IEnumerable<string> FailureSamples => _failureSamples;

    /// <summary>Forgets what the warm-up counted: the report is of the measured run alone.</summary>
    public void ResetCounters()
    {
        _offerToAgentMs = [];
        _failures.Clear();
        _failureSamples.Clear();
        Interlocked.Exchange(ref _offers, 0);
        Interlocked.Exchange(ref _accepted, 0);
        Interlocked.Exchange(ref _replied, 0);
        Interlocked.Exchange(ref _wrappedUp, 0);
    }

    /// <summary>Makes the agents, 16 at a time (each is a few API calls and a WebSocket).</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        var prefix = $"load-{DateTimeOffset.UtcNow:HHmmss}";
        await Parallel.ForAsync(0, options.Agents, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (i, token) =>
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i:00000}");
            await Ok(await admin.PutAsJsonAsync(new Uri($"/api/agents/{id}", UriKind.Relative), new { name = $"Load agent {i}", capacityProfile = "standard", languages = new[] { "en" } }, token), "PUT /api/agents");
            var issued = await admin.PostAsJsonAsync(new Uri("/api/keys", UriKind.Relative), new { name = $"load {id}", role = "agent", agentId = id }, token);
            await Ok(issued, "POST /api/keys");
            var key = (await issued.Content.ReadFromJsonAsync<JsonElement>(token)).GetProperty("key").GetString()!;
            await ConnectAsync(key, token);
            if (newLine is not null)
            {
                await Ok(await admin.PutAsJsonAsync(new Uri($"/api/voice/agents/{id}/line", UriKind.Relative), new { acsUserId = newLine() }, token), "PUT line");
            }

            // Online only once connected, so that no offer is pushed before the agent listens.
            await Ok(await admin.PutAsJsonAsync(new Uri($"/api/agents/{id}/presence", UriKind.Relative), new { channels = Channels(i) }, token), "PUT presence");
        });
    }

    /// <summary>
    /// The channels of the mix for agent <paramref name="i"/> (the memory scenario is WhatsApp only, but its agents stay
    /// as the default mix has them). With <see cref="LoadOptions.VoiceAgents"/>, the first share of the agents is the
    /// phone team and takes calls only; the others take everything but calls.
    /// </summary>
    private string[] Channels(int i)
    {
        var takesCalls = newLine is not null;
        if (takesCalls && options.VoiceAgents is { } share)
        {
            var phoneTeam = Math.Max(1, (int)Math.Round(share * options.Agents));
            if (i < phoneTeam)
            {
                return ["voice"];
            }

            takesCalls = false;
        }

        return
        [
            "whatsapp",
            "chat",
            .. takesCalls ? ["voice"] : Array.Empty<string>(),
            .. options.EmailShare > 0 && !options.OpenConversationsScenario ? ["email"] : Array.Empty<string>(),
        ];
    }

    /// <summary>Waits for the agents' steps already started (accept, reply, wrap-up).</summary>
    public Task IdleAsync() => Task.WhenAll(_work);

    private async Task ConnectAsync(string key, CancellationToken ct)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(worker, "/hubs/agent"), HttpTransportType.WebSockets, o =>
            {
                o.Headers["X-Api-Key"] = key;
                o.SkipNegotiation = true;
            })
            .Build();
        long lastSeq = -1;
        connection.On<JsonElement>("push", message =>
        {
            var receivedAt = DateTimeOffset.UtcNow;
            lastSeq = Math.Max(lastSeq, message.GetProperty("seq").GetInt64());
            if (message.GetProperty("type").GetString() != "offerMade")
            {
                return;
            }

            _offerToAgentMs.Add((receivedAt - message.GetProperty("at").GetDateTimeOffset()).TotalMilliseconds);
            Interlocked.Increment(ref _offers);
            if (!options.AgentsAct)
            {
                return;
            }

            var data = message.GetProperty("data");
            _work.Add(WorkAsync(key, data.GetProperty("taskId").GetGuid(), data.GetProperty("conversationId").GetGuid(), data.GetProperty("channel").GetString()!));
        });
        await connection.StartAsync(ct);
        await connection.InvokeAsync<long>("Resume", -1L, ct);
        _connections.Add(connection);
        // As the panel does: acknowledge what arrived every 2 s, so the journal can forget it.
        _ = AckLoopAsync(connection, () => lastSeq, ct);
    }

    private static async Task AckLoopAsync(HubConnection connection, Func<long> lastSeq, CancellationToken ct)
    {
        long acked = -1;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        try
        {
            while (await timer.WaitForNextTickAsync(ct) && connection.State != HubConnectionState.Disconnected)
            {
                var last = lastSeq();
                if (last > acked && connection.State == HubConnectionState.Connected)
                {
                    await connection.SendAsync("Ack", last, ct);
                    acked = last;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    private async Task WorkAsync(string key, Guid taskId, Guid conversationId, string channel)
    {
        await ThinkAsync(taskId);
        if (!await ActAsync(key, HttpMethod.Post, $"/api/offers/{taskId}/accept", null, "accept"))
        {
            return;
        }

        Interlocked.Increment(ref _accepted);
        if (options.OpenConversationsScenario || channel == "voice")
        {
            // A call: the Worker joins the agent to it, the caller talks and hangs up, the charter's wrap-up ends it.
            return;
        }

        await ThinkAsync(taskId);
        if (await ActAsync(key, HttpMethod.Post, $"/api/conversations/{conversationId}/messages", new { channel, text = "Thanks for writing, let me check that for you." }, "reply"))
        {
            Interlocked.Increment(ref _replied);
        }

        await ThinkAsync(taskId);
        if (await ActAsync(key, HttpMethod.Post, $"/api/conversations/{conversationId}/wrap-up", new { disposition = "resolved", notes = "Answered by the load tool." }, "wrap-up"))
        {
            Interlocked.Increment(ref _wrappedUp);
        }
    }

    private Task ThinkAsync(Guid taskId) =>
        Task.Delay(TimeSpan.FromMilliseconds(options.ThinkMs * (0.5 + (taskId.GetHashCode() & 0xffff) / 65536.0)));

    private async Task<bool> ActAsync(string key, HttpMethod method, string path, object? body, string step)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", key);
        try
        {
            using var response = await agentsHttp.SendAsync(request);
            if (response.IsSuccessStatusCode)
            {
                return true;
            }

            Fail($"{step} {(int)response.StatusCode}", await response.Content.ReadAsStringAsync());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Fail($"{step} {e.GetType().Name}", e.Message);
        }

        return false;
    }

    private void Fail(string what, string detail)
    {
        _failures.AddOrUpdate(what, 1, (_, n) => n + 1);
        if (_failureSamples.Count < 5)
        {
            _failureSamples.Enqueue($"{what}: {(detail.Length > 300 ? detail[..300] : detail)}");
        }
    }

    private static async Task Ok(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(_connections, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (c, _) => await c.DisposeAsync());
    }
}
