using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Connector.Load;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Push;
using Dapper;
using Npgsql;

namespace Connector.Worker.Tests.ScaleOut;

/// <summary>
/// Two Worker processes behind a reverse proxy (YARP, round robin), sharing one PostgreSQL and one Redis, as the compose
/// file and the Container Apps template run them: Event Grid's deliveries spread over both, one router decides, and an
/// agent's offers reach them on whichever Worker their panel is connected to.
/// </summary>
public sealed class ScaleOutBehindProxyTests
{
    private const int Customers = 20;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Webhooks_through_the_proxy_land_on_both_Workers_no_task_is_offered_twice_and_each_agent_gets_their_offers_on_whichever_Worker_holds_their_connection()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var webhookKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Connector"] = database,
            ["SignalR__Redis"] = TestRedis.ConnectionString,
            ["Router__TickInterval"] = "00:00:00.100",
            ["Api__AdminKey"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            ["Acs__WebhookKey"] = webhookKey,
        };
        await using var a = WorkerProcess.Start(environment);
        await a.WaitForAsync("/health/ready", Wait);
        await Eventually.TrueAsync(() => Task.FromResult(a.Output.Contains("is now the router", StringComparison.Ordinal)), Wait, () => a.Output);
        await using var b = WorkerProcess.Start(environment);
        await b.WaitForAsync("/health/ready", Wait);
        await using var proxy = await WorkersProxy.StartAsync(("a", a.BaseAddress), ("b", b.BaseAddress));
        string Outputs() => $"A (the router):\n{a.Output}\nB:\n{b.Output}";

        // One agent's panel on each Worker, both through the proxy: the hub is pinned, so an agent stays where the proxy
        // first sent them; a second panel is opened until one lands on each Worker.
        var ann = await a.AgentWithKeyAsync("ann");
        var bob = await a.AgentWithKeyAsync("bob");
        await using var annPanel = await ConnectAsync(proxy, ann, Outputs);
        var annWorker = WorkerOf(proxy, ann);
        var bobPanel = await ConnectAsync(proxy, bob, Outputs);
        for (var attempt = 0; WorkerOf(proxy, bob) == annWorker && attempt < 4; attempt++)
        {
            await bobPanel.DisposeAsync();
            bobPanel = await ConnectAsync(proxy, bob, Outputs);
        }

        await using var bobPanelAtEnd = bobPanel;
        var bobWorker = WorkerOf(proxy, bob);
        Assert.NotEqual(annWorker, bobWorker);
        TestContext.Current.TestOutputHelper?.WriteLine($"ann's panel on Worker {annWorker}, bob's on Worker {bobWorker}; A is the router");
        Assert.DoesNotContain("is now the router", b.Output, StringComparison.Ordinal);

        await a.PresenceAsync("ann", "whatsapp");
        await a.PresenceAsync("bob", "whatsapp");

        // Event Grid's deliveries, through the proxy; then each delivered again, as Event Grid retries one whose answer it
        // missed: the copy may land on the other Worker, which must know it already.
        using var eventGrid = new HttpClient { BaseAddress = proxy.Address };
        var deliveries = Enumerable.Range(0, Customers).Select(i => EventGridPayloads.WhatsApp(
            $"evt-{i}", $"wamid-{i}", $"+4477009008{i:00}", "channel-registration", DateTimeOffset.UtcNow, $"Hello from customer {i}")).ToList();
        foreach (var delivery in deliveries.Concat(deliveries))
        {
            using var response = await DeliverAsync(eventGrid, webhookKey, delivery);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        }

        var perWorker = proxy.Requests.Where(r => r.Path == "/webhooks/acs/events").GroupBy(r => r.Worker).ToDictionary(g => g.Key, g => g.Count());
        TestContext.Current.TestOutputHelper?.WriteLine($"webhook deliveries per Worker: A {perWorker.GetValueOrDefault("a")}, B {perWorker.GetValueOrDefault("b")}");
        Assert.Equal(2 * Customers, perWorker.Values.Sum());
        Assert.True(Math.Abs(perWorker.GetValueOrDefault("a") - perWorker.GetValueOrDefault("b")) <= 1, $"round robin: {string.Join(", ", perWorker)}");

        await using var connection = new NpgsqlConnection(database);
        // One task per customer, whichever Worker took each copy of their delivery.
        await Eventually.TrueAsync(async () => await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM routing_tasks") == Customers, Wait, Outputs);
        await Task.WhenAll(OffersArriveAsync(connection, annPanel, "ann", Outputs), OffersArriveAsync(connection, bobPanel, "bob", Outputs));

        // Each agent accepts what they were offered, through the proxy (so on either Worker); the router takes the
        // accepts in order.
        foreach (var (panel, key) in new[] { (annPanel, ann), (bobPanel, bob) })
        {
            using var agent = new HttpClient { BaseAddress = proxy.Address };
            agent.DefaultRequestHeaders.Add("X-Api-Key", key);
            foreach (var task in OfferedTasks(panel))
            {
                (await agent.PostAsync($"/api/offers/{task}/accept", null, Ct)).EnsureSuccessStatusCode();
            }
        }

        var accepted = OfferedTasks(annPanel).Concat(OfferedTasks(bobPanel)).ToList();
        await Eventually.TrueAsync(async () => await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM routing_tasks WHERE id = ANY(@accepted) AND state = 'assigned'", new { accepted }) == accepted.Count, Wait, Outputs);

        // The database's word: no task was offered or given to two agents, nor twice to one; one Worker decided everything.
        var offersPerTask = (await connection.QueryAsync<(Guid Task, long Offers, long Agents)>("""
            SELECT task_id, count(*), count(DISTINCT agent_id) FROM routing_decisions
            WHERE outcome = 'offered' OR outcome LIKE 'assigned%' GROUP BY task_id
            """)).ToList();
        Assert.NotEmpty(offersPerTask);
        Assert.All(offersPerTask, t => Assert.True(t.Offers == 1 && t.Agents == 1, $"task {t.Task}: {t.Offers} offers to {t.Agents} agents"));
        Assert.Single(await connection.QueryAsync<string>("SELECT DISTINCT decided_by FROM routing_decisions"));
        var holders = (await connection.QueryAsync<(Guid Id, string Agent)>(
            "SELECT id, assigned_agent_id FROM routing_tasks WHERE state = 'assigned'")).ToList();
        Assert.Equal(accepted.Order(), holders.Select(h => h.Id).Order());
        Assert.All(holders, h => Assert.Equal(OfferedTasks(annPanel).Contains(h.Id) ? "ann" : "bob", h.Agent));
        TestContext.Current.TestOutputHelper?.WriteLine($"{offersPerTask.Count} tasks offered once each; ann accepted {OfferedTasks(annPanel).Count}, bob {OfferedTasks(bobPanel).Count}");
    }

    private static async Task<HubClient> ConnectAsync(WorkersProxy proxy, string key, Func<string> context)
    {
        var panel = HubClient.Start(key, afterSeq: -1, proxy.Address);
        await panel.WaitForAsync(e => e.GetProperty("event").GetString() == "resumed", Wait, context: context);
        return panel;
    }

    /// <summary>The Worker holding the agent's hub connection: every hub request with their key went to it (the proxy's affinity).</summary>
    private static string WorkerOf(WorkersProxy proxy, string key)
    {
        var hub = proxy.Requests.Where(r => r.ApiKey == key && r.Path.StartsWith("/hubs/", StringComparison.Ordinal)).ToList();
        Assert.Contains(hub, r => r.Path.EndsWith("/negotiate", StringComparison.Ordinal));
        Assert.Contains(hub, r => !r.Path.EndsWith("/negotiate", StringComparison.Ordinal));
        // The last connection's negotiate and what followed it; an earlier panel of the same agent may have been elsewhere.
        var last = hub.FindLastIndex(r => r.Path.EndsWith("/negotiate", StringComparison.Ordinal));
        var workers = hub.Skip(last).Select(r => r.Worker).Distinct().ToList();
        return Assert.Single(workers);
    }

    /// <summary>Waits until the agent has at least one offer in the database and their panel was told of every one.</summary>
    private static async Task OffersArriveAsync(NpgsqlConnection connection, HubClient panel, string agentId, Func<string> context)
    {
        await using var own = new NpgsqlConnection(connection.ConnectionString);
        await Eventually.TrueAsync(async () =>
        {
            var offered = (await own.QueryAsync<Guid>("SELECT task_id FROM routing_decisions WHERE agent_id = @agentId AND outcome = 'offered'", new { agentId })).ToHashSet();
            return offered.Count > 0 && offered.SetEquals(OfferedTasks(panel));
        }, Wait, () => $"{agentId}'s panel:\n{panel.Transcript}\n{context()}");
    }

    private static HashSet<Guid> OfferedTasks(HubClient panel) =>
        [.. panel.Pushes.Where(p => p.GetProperty("type").GetString() == "offerMade").Select(p => p.GetProperty("data").GetProperty("taskId").GetGuid())];

    private static async Task<HttpResponseMessage> DeliverAsync(HttpClient eventGrid, string key, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/acs/events?key={key}")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Add("aeg-event-type", "Notification");
        return await eventGrid.SendAsync(request, Ct);
    }
}
