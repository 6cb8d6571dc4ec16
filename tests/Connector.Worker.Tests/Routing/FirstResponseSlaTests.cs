using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Routing;

/// <summary>
/// The first-response target (charter <c>channels.*.firstResponseWithin</c>): a conversation whose agent writes to the
/// customer in time meets it; one whose agent stays silent is listed for supervisors and moves up in priority.
/// </summary>
public sealed class FirstResponseSlaTests
{
    private const string Charter = """
        channels:
          whatsapp:
            answerWithin: 10m
            firstResponseWithin: 8s
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_WhatsApp_customer_the_agent_does_not_write_to_in_time_is_a_first_response_breach_and_one_answered_in_time_is_not()
    {
        var directory = Directory.CreateTempSubdirectory("connector-first-response-").FullName;
        var charter = Path.Combine(directory, "charter.yaml");
        await File.WriteAllTextAsync(charter, Charter, Ct);
        await using var setup = await WorkerWithFakeAcs.StartAsync(new Dictionary<string, string?>
        {
            ["Charter__Path"] = charter,
            ["Router__TickInterval"] = "00:00:00.100",
            ["Acs__WhatsApp__ChannelRegistrationId"] = "0e4bd9a4-3b7e-4a64-9d3b-6a1bb7ba3f10",
        }, Ct);
        var worker = setup.Worker;
        await worker.AgentOnlineAsync("ann", "whatsapp");
        await worker.AgentOnlineAsync("bob", "whatsapp");

        var answered = await worker.WhatsAppArrivesAsync("+447700900601");
        var silent = await worker.WhatsAppArrivesAsync("+447700900602");
        foreach (var task in new[] { answered, silent })
        {
            var agent = await worker.WaitForOfferAsync(task);
            (await (await worker.AgentAsync(agent)).PostAsJsonAsync($"/api/offers/{task}/accept", new { agentId = agent }, Ct)).EnsureSuccessStatusCode();
        }

        var answeredTask = await worker.TaskAsync(answered);
        var reply = await (await worker.AgentAsync(answeredTask.GetProperty("assignedAgentId").GetString()!)).PostAsJsonAsync($"/api/conversations/{answeredTask.GetProperty("conversationId").GetGuid()}/messages",
            new { channel = "whatsapp", text = "Hello, I am looking into it.", agentId = answeredTask.GetProperty("assignedAgentId").GetString() }, Ct);
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);

        JsonElement breaches = default;
        await Eventually.TrueAsync(async () =>
        {
            breaches = await worker.Http.GetFromJsonAsync<JsonElement>("/api/routing/sla-breaches", Ct);
            return breaches.EnumerateArray().Any(t => t.GetProperty("id").GetGuid() == silent);
        }, TimeSpan.FromSeconds(15), () => worker.Output);
        // Nothing may happen to the answered conversation: look once its own target (and a router tick) has passed.
        var answeredTarget = answeredTask.GetProperty("customerLastMessageAt").GetDateTimeOffset() + TimeSpan.FromSeconds(8.5);
        if (answeredTarget - DateTimeOffset.UtcNow is { Ticks: > 0 } untilTarget)
        {
            await Task.Delay(untilTarget, Ct);
        }

        breaches = await worker.Http.GetFromJsonAsync<JsonElement>("/api/routing/sla-breaches", Ct);
        var breach = Assert.Single(breaches.EnumerateArray());
        Assert.Equal(silent, breach.GetProperty("id").GetGuid());
        Assert.Equal(JsonValueKind.Null, breach.GetProperty("firstRespondedAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, breach.GetProperty("firstResponseBreachedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, breach.GetProperty("slaBreachedAt").ValueKind); // answered (accepted) in time
        Assert.True(breach.GetProperty("priority").GetInt32() > 0, "a breach raises the task's priority");
        var met = await worker.TaskAsync(answered);
        Assert.NotEqual(JsonValueKind.Null, met.GetProperty("firstRespondedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, met.GetProperty("firstResponseBreachedAt").ValueKind);
        Assert.Contains("missed its FirstResponse target", worker.Output, StringComparison.Ordinal);
    }
}
