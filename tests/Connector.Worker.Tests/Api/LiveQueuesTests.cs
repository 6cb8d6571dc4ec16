using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Api;

/// <summary>
/// <c>GET /api/queues</c> and the agents board (<c>GET /api/agents</c>) over real HTTP, on a known set of tasks: the
/// figures, and who sees which queue.
/// </summary>
public sealed class LiveQueuesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // WhatsApp must be answered within 3 s and is taken on the server; email within an hour.
    private const string Channels = """
        channels:
          whatsapp: { answerWithin: 3s, autoAccept: true }
          email: { answerWithin: 1h }
        """;

    [Fact]
    public async Task Supervisors_see_their_queues_figures_admins_see_all_and_agents_are_refused()
    {
        await using var worker = await PanelWorld.StartAsync(Channels);
        await worker.PutAgentAsync("ann", skill: "support");
        await worker.PutAgentAsync("sue", supervises: "support");
        await worker.PutAgentAsync("sam", supervises: "billing");

        // Support: a WhatsApp customer waits past the target with nobody online, then Ann comes online and takes it
        // (late); a second is taken at once (in time). Attainment: one of two.
        var (late, _) = await worker.ArrivesAsync("whatsapp", "+447700900501");
        await Eventually.TrueAsync(async () => (await worker.TaskAsync(late)).GetProperty("slaBreachedAt").ValueKind == JsonValueKind.String,
            TimeSpan.FromSeconds(20), () => worker.Output);
        await worker.OnlineAsync("ann", "whatsapp");
        await worker.UntilStateAsync(late, "assigned");
        var (inTime, _) = await worker.ArrivesAsync("whatsapp", "+447700900502");
        await worker.UntilStateAsync(inTime, "assigned");
        Assert.Equal(JsonValueKind.Null, (await worker.TaskAsync(inTime)).GetProperty("slaBreachedAt").ValueKind);

        // Billing: two emails wait, nobody with the billing skill is online.
        var clock = Stopwatch.StartNew();
        await worker.ArrivesAsync("email", "first@example.com");
        await worker.ArrivesAsync("email", "second@example.com");

        using var sue = await worker.KeyAsync("supervisor", "sue");
        using var sam = await worker.KeyAsync("supervisor", "sam");
        using var ann = await worker.KeyAsync("agent", "ann");
        var asSue = await QueuesAsync(sue);
        var asSam = await QueuesAsync(sam);
        var asAdmin = await QueuesAsync(worker.Http);
        var elapsed = clock.Elapsed.TotalSeconds;

        Assert.Equal(["support"], asSue.Select(QueueName));
        Assert.Equal(["billing"], asSam.Select(QueueName));
        Assert.Equal(["billing", "support"], asAdmin.Select(QueueName));

        var support = asSue.Single();
        var whatsapp = Channel(support, "whatsapp");
        Assert.Equal((0, 0, 2, 0), (Int(whatsapp, "waiting"), Int(whatsapp, "offered"), Int(whatsapp, "assigned"), Int(whatsapp, "breachedWaiting")));
        Assert.Equal(JsonValueKind.Null, whatsapp.GetProperty("oldestWaitSeconds").ValueKind);
        Assert.Equal(3, whatsapp.GetProperty("slaTargetSeconds").GetInt64());
        Assert.Equal(0.5, whatsapp.GetProperty("slaAttainment").GetDouble());
        // The charter sends chat to support too: it is shown, empty.
        Assert.Equal(["chat", "whatsapp"], support.GetProperty("channels").EnumerateArray().Select(c => c.GetProperty("channel").GetString()));
        Assert.Equal((1, 1), (Int(support.GetProperty("agents"), "online"), Int(support.GetProperty("agents"), "busy")));

        var email = Channel(asSam.Single(), "email");
        Assert.Equal((2, 0, 0, 0), (Int(email, "waiting"), Int(email, "offered"), Int(email, "assigned"), Int(email, "breachedWaiting")));
        var oldest = email.GetProperty("oldestWaitSeconds").GetInt64();
        Assert.InRange(oldest, 0, (long)Math.Ceiling(elapsed));
        Assert.Equal(3600, email.GetProperty("slaTargetSeconds").GetInt64());
        // Waiting within the target, none answered: nothing settled to measure yet.
        Assert.Equal(JsonValueKind.Null, email.GetProperty("slaAttainment").ValueKind);
        Assert.Equal((0, 0), (Int(asSam.Single().GetProperty("agents"), "online"), Int(asSam.Single().GetProperty("agents"), "busy")));
        Assert.Equal(asSue.Single().ToString(), asAdmin.Single(q => QueueName(q) == "support").ToString());

        var refused = await ann.GetAsync("/api/queues", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task The_agents_board_shows_each_agents_capacity_used_per_channel_and_their_current_tasks()
    {
        await using var worker = await PanelWorld.StartAsync(Channels);
        await worker.PutAgentAsync("ann", skill: "support");
        await worker.PutAgentAsync("sue", supervises: "support");
        await worker.PutAgentAsync("sam", supervises: "billing");
        await worker.OnlineAsync("ann", "whatsapp", "email");
        var (first, _) = await worker.ArrivesAsync("whatsapp", "+447700900601");
        var (second, _) = await worker.ArrivesAsync("whatsapp", "+447700900602");
        await worker.UntilStateAsync(first, "assigned");
        await worker.UntilStateAsync(second, "assigned");
        using var sue = await worker.KeyAsync("supervisor", "sue");
        using var sam = await worker.KeyAsync("supervisor", "sam");

        var board = await sue.GetFromJsonAsync<JsonElement>("/api/agents", Ct);

        var annOnBoard = board.EnumerateArray().Single(a => a.GetProperty("id").GetString() == "ann");
        Assert.Equal(["email", "whatsapp"], annOnBoard.GetProperty("channels").EnumerateArray().Select(c => c.GetString()).Order());
        var capacity = annOnBoard.GetProperty("capacity");
        Assert.Equal((100, 50), (Int(capacity, "total"), Int(capacity, "used")));
        Assert.Equal(["whatsapp=50"], capacity.GetProperty("usedPerChannel").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetInt32()}"));
        var tasks = annOnBoard.GetProperty("tasks").EnumerateArray().ToList();
        Assert.Equal([first, second], tasks.Select(t => t.GetProperty("id").GetGuid()).Order());
        Assert.All(tasks, t => Assert.Equal(("whatsapp", "support", "assigned"),
            (t.GetProperty("channel").GetString(), t.GetProperty("queue").GetString(), t.GetProperty("state").GetString())));
        Assert.All(tasks, t => Assert.InRange(t.GetProperty("since").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow));
        // Ann does not serve billing: its supervisor does not see her, nor her work.
        Assert.DoesNotContain((await sam.GetFromJsonAsync<JsonElement>("/api/agents", Ct)).EnumerateArray(), a => a.GetProperty("id").GetString() == "ann");
    }

    private static async Task<List<JsonElement>> QueuesAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/queues", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).EnumerateArray()];
    }

    private static string? QueueName(JsonElement queue) => queue.GetProperty("queue").GetString();

    private static JsonElement Channel(JsonElement queue, string channel) =>
        queue.GetProperty("channels").EnumerateArray().Single(c => c.GetProperty("channel").GetString() == channel);

    private static int Int(JsonElement element, string property) => element.GetProperty(property).GetInt32();
}
