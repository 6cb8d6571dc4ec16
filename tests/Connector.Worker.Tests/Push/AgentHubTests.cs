using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Routing;

namespace Connector.Worker.Tests.Push;

/// <summary>/hubs/agent on one embedded Worker, through the official @microsoft/signalr client.</summary>
public sealed class AgentHubTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_agent_connected_to_the_hub_receives_the_offer_the_router_made_for_them_with_its_countdown_and_why()
    {
        await using var worker = WorkerProcess.Start(new Dictionary<string, string?> { ["Router__TickInterval"] = "00:00:00.100" });
        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        var key = await worker.AgentWithKeyAsync("ann");
        await using var panel = HubClient.Start(key, afterSeq: -1, worker.BaseAddress);
        await panel.WaitForAsync(e => e.GetProperty("event").GetString() == "resumed", Wait, context: () => worker.Output);

        await worker.PresenceAsync("ann", "whatsapp");
        var presence = await panel.WaitForPushAsync("presenceChanged", Wait, () => worker.Output);
        Assert.Equal(["whatsapp"], presence.GetProperty("data").GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
        var task = await worker.WhatsAppArrivesAsync("+447700900555");

        var offer = await panel.WaitForPushAsync("offerMade", Wait, () => worker.Output);
        var data = offer.GetProperty("data");
        Assert.Equal(task, data.GetProperty("taskId").GetGuid());
        var stored = await worker.TaskAsync(task);
        Assert.Equal(stored.GetProperty("conversationId").GetGuid(), data.GetProperty("conversationId").GetGuid());
        Assert.Equal(stored.GetProperty("customerId").GetGuid(), data.GetProperty("customerId").GetGuid());
        Assert.Equal("whatsapp", data.GetProperty("channel").GetString());
        Assert.False(string.IsNullOrEmpty(data.GetProperty("queue").GetString()));
        // The countdown: the offer's expiry, after the moment it was made, and the wait the customer has had so far.
        var at = offer.GetProperty("at").GetDateTimeOffset();
        Assert.True(data.GetProperty("expiresAt").GetDateTimeOffset() > at, offer.GetRawText());
        Assert.True(data.GetProperty("waitingSince").GetDateTimeOffset() <= at, offer.GetRawText());
        // Why: the decision the router recorded for this offer, as GET /api/routing/decisions shows it.
        var decision = (await worker.Http.GetFromJsonAsync<JsonElement>($"/api/routing/decisions/{task}", Ct)).EnumerateArray()
            .Last(d => d.GetProperty("outcome").GetString() == "offered" && d.GetProperty("agentId").GetString() == "ann");
        var why = data.GetProperty("why");
        Assert.Equal(decision.GetProperty("id").GetGuid(), why.GetProperty("decisionId").GetGuid());
        Assert.Equal(decision.GetProperty("rule").GetString(), why.GetProperty("rule").GetString());
        Assert.Equal(decision.GetProperty("taskScore").GetDouble(), why.GetProperty("taskScore").GetDouble());
        var candidate = decision.GetProperty("candidates").EnumerateArray().Single(c => c.GetProperty("agentId").GetString() == "ann");
        Assert.Equal(candidate.GetProperty("score").GetDouble(), why.GetProperty("agentScore").GetDouble());
        Assert.Equal(presence.GetProperty("seq").GetInt64() + 1, offer.GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task Two_panels_of_one_agent_both_receive_each_push_and_one_that_closes_leaves_the_other_and_a_later_panel_served()
    {
        await using var worker = WorkerProcess.Start(new Dictionary<string, string?> { ["Router__TickInterval"] = "00:00:00.100" });
        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        var key = await worker.AgentWithKeyAsync("ann");
        static bool Presence(JsonElement e) => e.GetProperty("event").GetString() == "push" && e.GetProperty("type").GetString() == "presenceChanged";
        static string[] Channels(JsonElement push) => [.. push.GetProperty("data").GetProperty("channels").EnumerateArray().Select(c => c.GetString()!).Order(StringComparer.Ordinal)];

        HubClient? first = HubClient.Start(key, afterSeq: -1, worker.BaseAddress);
        HubClient? second = HubClient.Start(key, afterSeq: -1, worker.BaseAddress);
        try
        {
            await first.WaitForAsync(e => e.GetProperty("event").GetString() == "resumed", Wait, context: () => worker.Output);
            await second.WaitForAsync(e => e.GetProperty("event").GetString() == "resumed", Wait, context: () => worker.Output);
            await worker.PresenceAsync("ann", "whatsapp");
            Assert.Equal(["whatsapp"], Channels(await first.WaitForAsync(Presence, Wait, context: () => worker.Output)));
            Assert.Equal(["whatsapp"], Channels(await second.WaitForAsync(Presence, Wait, context: () => worker.Output)));
            await first.DisposeAsync();
            first = null;

            // The stream keeps the panel still open: the next push reaches it.
            await worker.PresenceAsync("ann", "whatsapp", "chat");
            Assert.Equal(["chat", "whatsapp"], Channels(await second.WaitForAsync(Presence, Wait, count: 2, context: () => worker.Output)));
            await second.DisposeAsync();
            second = null;
        }
        finally
        {
            if (first is not null)
            {
                await first.DisposeAsync();
            }

            if (second is not null)
            {
                await second.DisposeAsync();
            }
        }

        // With no panel left the stream was forgotten; a panel opened later follows it again from its own start.
        await using var later = HubClient.Start(key, afterSeq: -1, worker.BaseAddress);
        await later.WaitForAsync(e => e.GetProperty("event").GetString() == "resumed", Wait, context: () => worker.Output);
        await worker.PresenceAsync("ann", "chat");
        Assert.Equal(["chat"], Channels(await later.WaitForAsync(Presence, Wait, context: () => worker.Output)));
    }

    [Fact]
    public async Task Accept_decline_and_wrap_up_are_answered_by_the_routers_signal_although_its_tick_is_ten_minutes()
    {
        // With a ten-minute tick, nothing here could be answered by the router's timer within the test's time: each
        // command wakes it (new work does not: a presence command brings the router to it), and its completion
        // answers the waiting request.
        await using var worker = WorkerProcess.Start(new Dictionary<string, string?> { ["Router__TickInterval"] = "00:10:00" });
        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        var key = await worker.AgentWithKeyAsync("ann");
        using var ann = worker.WithKey(key);
        await using var panel = HubClient.Start(key, afterSeq: -1, worker.BaseAddress);
        await panel.WaitForAsync(e => e.GetProperty("event").GetString() == "resumed", Wait, context: () => worker.Output);

        var first = await worker.WhatsAppArrivesAsync("+447700900601");
        await worker.PresenceAsync("ann", "whatsapp");
        await panel.WaitForAsync(e => IsPush(e, "offerMade", first), Wait, context: () => worker.Output);
        var clock = Stopwatch.StartNew();
        var accepted = await ann.PostAsJsonAsync($"/api/offers/{first}/accept", new { agentId = "ann" }, Ct);
        var acceptTook = clock.Elapsed;
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("accepted", (await accepted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("result").GetString());
        await panel.WaitForAsync(e => IsPush(e, "assigned", first), Wait, context: () => worker.Output);

        var second = await worker.WhatsAppArrivesAsync("+447700900602");
        await worker.PresenceAsync("ann", "whatsapp", "chat");
        await panel.WaitForAsync(e => IsPush(e, "offerMade", second), Wait, context: () => worker.Output);
        clock.Restart();
        var declined = await ann.PostAsJsonAsync($"/api/offers/{second}/decline", new { agentId = "ann" }, Ct);
        var declineTook = clock.Elapsed;
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        Assert.Equal("declined", (await declined.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("result").GetString());
        var withdrawn = await panel.WaitForAsync(e => IsPush(e, "offerWithdrawn", second), Wait, context: () => worker.Output);
        Assert.Equal("declined", withdrawn.GetProperty("data").GetProperty("reason").GetString());

        var conversation = (await worker.TaskAsync(first)).GetProperty("conversationId").GetGuid();
        clock.Restart();
        var wrapped = await ann.PostAsJsonAsync($"/api/conversations/{conversation}/wrap-up", new { agentId = "ann", disposition = "solved" }, Ct);
        var wrapUpTook = clock.Elapsed;
        Assert.Equal(HttpStatusCode.Accepted, wrapped.StatusCode);
        // "queued" would mean the request gave up waiting; the router's own answer is in the body.
        Assert.Equal("wrapped up", (await wrapped.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("routing").GetString());
        await panel.WaitForAsync(e => IsPush(e, "taskEnded", first), Wait, context: () => worker.Output);
        TestContext.Current.TestOutputHelper?.WriteLine($"answered: accept {acceptTook.TotalMilliseconds:0} ms, decline {declineTook.TotalMilliseconds:0} ms, wrap-up {wrapUpTook.TotalMilliseconds:0} ms");
    }

    private static bool IsPush(JsonElement e, string type, Guid taskId) =>
        e.GetProperty("event").GetString() == "push" && e.GetProperty("type").GetString() == type
        && e.GetProperty("data").TryGetProperty("taskId", out var id) && id.GetGuid() == taskId;
}
