using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Connector.Tests.NodeJs;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Push;

/// <summary>
/// A benchmark, not a timed test (explicit: it runs only when asked for): offer committed → received by a SignalR
/// client, p50/p99, with work arriving at 200 offers/s, on one Worker and across two (Redis). Run with
/// <c>./build.sh test --filter PushLatencyBenchmark -- xUnit.Explicit=only</c>; the figures are in the test output.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class PushLatencyBenchmark
{
    private const int Agents = 100;
    private const int OffersPerSecond = 200;
    private const int Seconds = 5;

    [Fact(Explicit = true)]
    public async Task Offer_committed_to_received_on_one_Worker() =>
        await MeasureAsync("one Worker (PostgreSQL, in-process hub)", twoWorkers: false);

    [Fact(Explicit = true)]
    public async Task Offer_committed_to_received_across_two_Workers_with_Redis() =>
        await MeasureAsync("two Workers (PostgreSQL, Redis): router on A, clients on B", twoWorkers: true);

    private static async Task MeasureAsync(string name, bool twoWorkers)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Connector"] = await TestPostgres.CreateDatabaseAsync(),
            ["Api__AdminKey"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (twoWorkers)
        {
            environment["SignalR__Redis"] = TestRedis.ConnectionString;
        }

        await using var a = WorkerProcess.Start(environment);
        await a.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        await using var b = twoWorkers ? WorkerProcess.Start(environment) : null;
        if (b is not null)
        {
            await b.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        }

        var keys = new List<string>();
        for (var i = 0; i < Agents; i++)
        {
            keys.Add(await a.AgentWithKeyAsync($"agent{i:000}"));
            // Email costs 10 of 100 units: each agent holds ten offers at once, so no offer waits for capacity.
            await a.PresenceAsync($"agent{i:000}", "email");
        }

        var clients = (b ?? a).BaseAddress;
        var start = new ProcessStartInfo(NodeRunner.FindNode() ?? throw new InvalidOperationException("node is not on PATH"))
        {
            WorkingDirectory = HubClient.Directory,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("bench.mjs");
        start.Environment["HUB_URLS"] = new Uri(clients, "/hubs/agent").ToString();
        start.Environment["KEYS"] = string.Join(',', keys);
        using var node = Process.Start(start)!;
        var latencies = new ConcurrentBag<double>();
        var ready = new TaskCompletionSource();
        node.OutputDataReceived += (_, e) =>
        {
            if (string.IsNullOrWhiteSpace(e.Data))
            {
                return;
            }

            var line = JsonSerializer.Deserialize<JsonElement>(e.Data);
            if (line.GetProperty("event").GetString() == "ready")
            {
                ready.TrySetResult();
            }
            else
            {
                var at = line.GetProperty("at").GetDateTimeOffset();
                latencies.Add(line.GetProperty("receivedAt").GetDouble() - (at.ToUnixTimeMilliseconds() + (at.Ticks % TimeSpan.TicksPerMillisecond / (double)TimeSpan.TicksPerMillisecond)));
            }
        };
        node.BeginOutputReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        // Work arrives at a steady rate through A (the router's Worker): one email from a new customer every 5 ms.
        var total = OffersPerSecond * Seconds;
        var clock = Stopwatch.StartNew();
        var sends = new List<Task>();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / (double)OffersPerSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, TestContext.Current.CancellationToken);
            }

            sends.Add(a.Http.PostAsJsonAsync("/api/inbound-events", new
            {
                eventId = Guid.NewGuid().ToString(),
                channel = "email",
                type = "message",
                identities = new[] { new { kind = "email", value = $"customer{i}@example.com" } },
                text = "Hello",
            }, TestContext.Current.CancellationToken));
        }

        await Task.WhenAll(sends);
        await Eventually.TrueAsync(() => Task.FromResult(latencies.Count >= total), TimeSpan.FromSeconds(60), () => $"{latencies.Count} of {total} offers received");
        node.Kill();
        var sorted = latencies.Order().ToList();
        string P(double q) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(q * sorted.Count) - 1)].ToString("0.0", CultureInfo.InvariantCulture);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"push latency, {name}: {sorted.Count} offers at {OffersPerSecond}/s over {clock.Elapsed.TotalSeconds:0.0} s to {Agents} connections: p50 {P(0.50)} ms, p99 {P(0.99)} ms, max {P(1.0)} ms");
    }
}
