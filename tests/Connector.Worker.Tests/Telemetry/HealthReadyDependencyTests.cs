using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.EmailIntake;
using Connector.Worker.Tests.Fakes.Acs;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Push;

namespace Connector.Worker.Tests.Telemetry;

/// <summary><c>/health/ready</c> covers the outside services the configuration names: Redis, the mailbox, ACS, the CRM and the AI service, beside the store.</summary>
public sealed class HealthReadyDependencyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ready_reports_the_configured_Redis_and_mailbox_as_healthy()
    {
        var (host, port) = TestImap.Server;
        await using var worker = WorkerProcess.Start(new Dictionary<string, string?>
        {
            ["SignalR__Redis"] = TestRedis.ConnectionString,
            ["Email__Imap__Host"] = host,
            ["Email__Imap__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email__Imap__UseTls"] = "false",
            ["Email__Imap__Username"] = TestImap.Username,
            ["Email__Imap__Password"] = TestImap.Password,
        });

        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));

        var checks = (await worker.Http.GetFromJsonAsync<JsonElement>("/health/ready", Ct)).GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("redis").GetProperty("status").GetString());
        Assert.Contains("PING", checks.GetProperty("redis").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Healthy", checks.GetProperty("imap").GetProperty("status").GetString());
        Assert.Contains("logged in", checks.GetProperty("imap").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_stays_200_but_reports_Redis_degraded_when_the_configured_Redis_stops()
    {
        // A Redis of this test's own, so that stopping it disturbs no other test.
        var port = WorkerProcess.FreePort();
        using var redis = StartRedis(port);
        try
        {
            await using var worker = WorkerProcess.Start(new Dictionary<string, string?> { ["SignalR__Redis"] = $"127.0.0.1:{port}" });
            await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));

            redis.Kill();
            await redis.WaitForExitAsync(Ct);

            var checks = await RedisDegradedAsync(worker);
            Assert.Contains("start Redis", checks.GetProperty("redis").GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.Equal("Healthy", checks.GetProperty("store").GetProperty("status").GetString());
        }
        finally
        {
            if (!redis.HasExited)
            {
                redis.Kill();
            }
        }
    }

    [Fact]
    public async Task A_Worker_whose_Redis_does_not_answer_starts_reports_it_degraded_and_subscribes_once_Redis_is_there()
    {
        // Nothing listens on this port until the Worker is up.
        var port = WorkerProcess.FreePort();
        await using var worker = WorkerProcess.Start(new Dictionary<string, string?> { ["SignalR__Redis"] = $"127.0.0.1:{port}" });
        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        Assert.False(worker.HasExited, worker.Output);
        await RedisDegradedAsync(worker);

        using var redis = StartRedis(port);
        try
        {
            // Both ways between Workers subscribe again by themselves: the push feed's channel and SignalR's backplane.
            string[] channels = [];
            await Eventually.TrueAsync(async () =>
            {
                channels = await SubscribedChannelsAsync(port);
                return channels.Contains("connector:push") && channels.Any(c => c.Contains("AgentHub", StringComparison.Ordinal));
            }, TimeSpan.FromSeconds(60), () => $"channels: {string.Join(", ", channels)}\n{worker.Output}");
            await Eventually.TrueAsync(async () =>
            {
                var ready = await worker.Http.GetFromJsonAsync<JsonElement>("/health/ready", Ct);
                return ready.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString() == "Healthy";
            }, TimeSpan.FromSeconds(30), () => worker.Output);
        }
        finally
        {
            redis.Kill();
        }
    }

    private static Process StartRedis(int port) =>
        Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("redis-server did not start");

    /// <summary>Polls until ready says Redis is Degraded, always with 200: the Worker stays in rotation without Redis.</summary>
    private static async Task<JsonElement> RedisDegradedAsync(WorkerProcess worker)
    {
        JsonElement checks = default;
        await Eventually.TrueAsync(async () =>
        {
            using var ready = await worker.Http.GetAsync("/health/ready", Ct);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            checks = (await ready.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("checks");
            return checks.GetProperty("redis").GetProperty("status").GetString() == "Degraded";
        }, TimeSpan.FromSeconds(45), () => worker.Output);
        return checks;
    }

    /// <summary>The channels some client of the Redis on <paramref name="port"/> subscribes to (PUBSUB CHANNELS), as redis-cli reads them.</summary>
    private static async Task<string[]> SubscribedChannelsAsync(int port)
    {
        using var cli = Process.Start(new ProcessStartInfo("redis-cli", ["-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "PUBSUB", "CHANNELS", "*"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("redis-cli did not start");
        var output = await cli.StandardOutput.ReadToEndAsync(Ct);
        await cli.WaitForExitAsync(Ct);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    [Fact]
    public async Task Ready_stays_200_but_reports_ACS_degraded_once_the_Workers_call_to_it_fails_and_healthy_while_it_answers()
    {
        var acs = await FakeAcsServer.StartAsync(cancellationToken: Ct);
        await using var worker = WorkerProcess.Start(new Dictionary<string, string?> { ["Acs__ConnectionString"] = acs.ConnectionString });
        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        Assert.Equal(("Healthy", "no call since start"), await CheckAsync(worker, "acs"));
        Assert.Equal(("Healthy", "not set"), await CheckAsync(worker, "crm"));
        Assert.Equal(("Healthy", "not set"), await CheckAsync(worker, "ai"));

        (await worker.Http.PostAsJsonAsync("/api/chat/sessions", new { displayName = "Priya" }, Ct)).EnsureSuccessStatusCode();
        var (status, description) = await CheckAsync(worker, "acs");
        Assert.Equal("Healthy", status);
        Assert.Contains("answered 20", description, StringComparison.Ordinal);

        await acs.DisposeAsync();
        Assert.False((await worker.Http.PostAsJsonAsync("/api/chat/sessions", new { displayName = "Sam" }, Ct)).IsSuccessStatusCode);

        using var ready = await worker.Http.GetAsync("/health/ready", Ct);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        (status, description) = await CheckAsync(worker, "acs");
        Assert.Equal("Degraded", status);
        Assert.Contains("waits in the outbox", description, StringComparison.Ordinal);
        Assert.Equal("Degraded", (await worker.Http.GetFromJsonAsync<JsonElement>("/health/ready", Ct)).GetProperty("status").GetString());
    }

    private static async Task<(string? Status, string? Description)> CheckAsync(WorkerProcess worker, string name)
    {
        var check = (await worker.Http.GetFromJsonAsync<JsonElement>("/health/ready", Ct)).GetProperty("checks").GetProperty(name);
        return (check.GetProperty("status").GetString(), check.GetProperty("description").GetString());
    }
}
