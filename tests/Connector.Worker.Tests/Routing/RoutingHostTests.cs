using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Routing;

/// <summary>The router hosted in the Worker: agents, presence, offers, accept/decline and explanations over HTTP.</summary>
public sealed class RoutingHostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_supervisor_takes_an_accepted_task_from_its_agent_and_it_goes_to_the_next_agent_never_back()
    {
        await using var worker = WorkerProcess.Start(new Dictionary<string, string?> { ["Router__TickInterval"] = "00:00:00.100" });
        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        await worker.AgentOnlineAsync("ann", "whatsapp");
        await worker.AgentOnlineAsync("bob", "whatsapp");
        (await worker.Http.PutAsJsonAsync("/api/agents/sue", new { name = "Sue", supervises = new[] { "whatsapp" } }, Ct)).EnsureSuccessStatusCode();
        var task = await worker.WhatsAppArrivesAsync("+447700900731");
        var first = await worker.WaitForOfferAsync(task);
        (await (await worker.AgentAsync(first)).PostAsync($"/api/offers/{task}/accept", null, Ct)).EnsureSuccessStatusCode();

        var byAgent = await (await worker.AgentAsync(first == "ann" ? "bob" : "ann")).PostAsync($"/api/tasks/{task}/reassign", null, Ct);
        var bySupervisor = await (await worker.AgentAsync("sue", "supervisor")).PostAsync($"/api/tasks/{task}/reassign", null, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, byAgent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bySupervisor.StatusCode);
        var second = await worker.WaitForOfferAsync(task, notTo: first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task A_WhatsApp_message_is_offered_to_an_online_agent_declined_to_the_next_accepted_and_explained()
    {
        await using var worker = WorkerProcess.Start(new Dictionary<string, string?> { ["Router__TickInterval"] = "00:00:00.100" });
        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        await worker.AgentOnlineAsync("ann", "whatsapp", "chat");
        await worker.AgentOnlineAsync("bob", "whatsapp");

        var task = await worker.WhatsAppArrivesAsync("+447700900777");
        var first = await worker.WaitForOfferAsync(task);

        var declined = await (await worker.AgentAsync(first)).PostAsJsonAsync($"/api/offers/{task}/decline", new { agentId = first }, Ct);
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        var second = await worker.WaitForOfferAsync(task, notTo: first);
        Assert.NotEqual(first, second);

        var wrongAgent = await (await worker.AgentAsync(first)).PostAsJsonAsync($"/api/offers/{task}/accept", new { agentId = first }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, wrongAgent.StatusCode);
        var accepted = await (await worker.AgentAsync(second)).PostAsJsonAsync($"/api/offers/{task}/accept", new { agentId = second }, Ct);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("assigned", (await worker.TaskAsync(task)).GetProperty("state").GetString());
        // WhatsApp has no part to do when work is assigned (the agent simply replies): the accept, answered once the
        // router stored it, left no task.assigned row to become a job that does nothing.
        var rows = await worker.Http.GetFromJsonAsync<JsonElement>("/api/outbox", Ct);
        Assert.DoesNotContain(rows.EnumerateArray(), r => r.GetProperty("kind").GetString() == "task.assigned");

        var decisions = (await worker.Http.GetFromJsonAsync<JsonElement>($"/api/routing/decisions/{task}", Ct)).EnumerateArray().ToList();
        Assert.Equal([first, second], decisions.Where(d => d.GetProperty("outcome").GetString() == "offered").Select(d => d.GetProperty("agentId").GetString()));
        // A "waiting" decision may come first when the router saw the task before the agents' presence (a race of
        // two commands); it names its rule but, with nobody online, has no candidates. Every offer has them.
        Assert.All(decisions, d => Assert.Contains("whatsapp", d.GetProperty("rule").GetString(), StringComparison.Ordinal));
        Assert.All(decisions.Where(d => d.GetProperty("outcome").GetString() == "offered"), d =>
        {
            Assert.NotEqual(0, d.GetProperty("candidates").GetArrayLength());
            // How many agents the router looked at is kept too: at least those it lists.
            Assert.InRange(d.GetProperty("candidatesConsidered").GetInt32(), d.GetProperty("candidates").GetArrayLength(), int.MaxValue);
        });
    }

    [Fact]
    public async Task A_customer_who_writes_again_after_a_wrapped_up_conversation_goes_back_to_the_agent_who_served_them()
    {
        var environment = new Dictionary<string, string?> { ["Router__TickInterval"] = "00:00:00.100" };
        // A CRM, so that the interactions are written (and can be counted) at all.
        await using var salesforce = await WorkerCrm.AddSalesforceAsync(environment, Ct);
        await using var worker = WorkerProcess.Start(environment);
        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        await worker.AgentOnlineAsync("ann", "whatsapp");
        await worker.AgentOnlineAsync("bob", "whatsapp");
        var first = await worker.WhatsAppArrivesAsync("+447700900321");
        var served = await worker.WaitForOfferAsync(first);
        (await (await worker.AgentAsync(served)).PostAsJsonAsync($"/api/offers/{first}/accept", new { agentId = served }, Ct)).EnsureSuccessStatusCode();
        var conversation = (await worker.TaskAsync(first)).GetProperty("conversationId").GetGuid();
        var wrapped = await (await worker.AgentAsync(served)).PostAsJsonAsync($"/api/conversations/{conversation}/wrap-up", new { agentId = served, disposition = "solved" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, wrapped.StatusCode);
        await Eventually.TrueAsync(async () => (await worker.TaskAsync(first)).GetProperty("state").GetString() == "completed", TimeSpan.FromSeconds(15), () => worker.Output);
        var outbox = await worker.Http.GetFromJsonAsync<JsonElement>("/api/outbox", Ct);
        Assert.Single(outbox.EnumerateArray(), r => r.GetProperty("idempotencyKey").GetString() == $"{conversation}:interaction:{first}"); // the agent's, not a second one from the router

        // The other agent has been idle longer, so longest idle alone would choose them: the last agent step does not.
        var again = await worker.WhatsAppArrivesAsync("+447700900321");
        Assert.NotEqual(first, again);
        Assert.Equal(served, await worker.WaitForOfferAsync(again));
        var offer = (await worker.Http.GetFromJsonAsync<JsonElement>($"/api/routing/decisions/{again}", Ct)).EnumerateArray().Last(d => d.GetProperty("outcome").GetString() == "offered");
        Assert.Contains($"PreferredAgent {served}", offer.GetProperty("rule").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_router_rebuilt_after_a_restart_never_offers_a_task_again_to_an_agent_who_declined_it()
    {
        var environment = new Dictionary<string, string?> { ["Router__TickInterval"] = "00:00:00.100" };
        Guid task;
        string first, second, directory;
        await using (var worker = WorkerProcess.Start(environment))
        {
            directory = worker.WorkingDirectory;
            await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
            await worker.AgentOnlineAsync("ann", "whatsapp");
            await worker.AgentOnlineAsync("bob", "whatsapp");
            task = await worker.WhatsAppArrivesAsync("+447700900555");
            first = await worker.WaitForOfferAsync(task);
            Assert.Equal(HttpStatusCode.OK, (await (await worker.AgentAsync(first)).PostAsJsonAsync($"/api/offers/{task}/decline", new { agentId = first }, Ct)).StatusCode);
            second = await worker.WaitForOfferAsync(task, notTo: first);
            Assert.Equal([first], (await worker.TaskAsync(task)).GetProperty("declinedBy").EnumerateArray().Select(a => a.GetString()));
        }

        // Same store, new router: the offer in flight is made again, and only to the agent who has not declined.
        await using var again = WorkerProcess.Start(environment, directory);
        await again.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        // Until the new router has rebuilt its state, the store still shows the old offer, which it no longer holds.
        await Eventually.TrueAsync(() => Task.FromResult(again.Output.Contains("Router state rebuilt", StringComparison.Ordinal)), TimeSpan.FromSeconds(20), () => again.Output);
        Assert.Equal(second, await again.WaitForOfferAsync(task));
        Assert.Equal(HttpStatusCode.OK, (await (await again.AgentAsync(second)).PostAsJsonAsync($"/api/offers/{task}/decline", new { agentId = second }, Ct)).StatusCode);

        await Eventually.TrueAsync(async () => (await again.TaskAsync(task)).GetProperty("state").GetString() == "queued", TimeSpan.FromSeconds(15), () => again.Output);
        await Task.Delay(TimeSpan.FromSeconds(1), Ct); // ten router ticks: time enough to offer it to the first agent, were it allowed
        var after = await again.TaskAsync(task);
        Assert.Equal("queued", after.GetProperty("state").GetString());
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), after.GetProperty("declinedBy").EnumerateArray().Select(a => a.GetString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_agent_who_misses_offers_in_a_row_is_shown_away_everywhere_until_they_come_back()
    {
        var directory = Directory.CreateTempSubdirectory("connector-away-").FullName;
        var charter = Path.Combine(directory, "charter.yaml");
        await File.WriteAllTextAsync(charter, """
            channels:
              whatsapp:
                offerTimeout: 1s
            routing:
              missedOffersBeforeAway: 2
            """, Ct);
        await using var worker = WorkerProcess.Start(new Dictionary<string, string?> { ["Router__TickInterval"] = "00:00:00.100", ["Charter__Path"] = charter });
        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        await worker.AgentOnlineAsync("ann", "whatsapp");

        // Two offers time out in a row (her browser is gone): the router sets her away, and the store says so too.
        var first = await worker.WhatsAppArrivesAsync("+447700900701");
        await worker.WaitForOfferAsync(first);
        var second = await worker.WhatsAppArrivesAsync("+447700900702");
        await Eventually.TrueAsync(async () => await ChannelsOfAsync(worker, "ann") is [], TimeSpan.FromSeconds(15), () => worker.Output);
        await Eventually.TrueAsync(() => Task.FromResult(worker.Output.Contains("Agent ann missed 2 offers in a row and is set away", StringComparison.Ordinal)), TimeSpan.FromSeconds(5), () => worker.Output);
        Assert.Equal("queued", (await worker.TaskAsync(first)).GetProperty("state").GetString());
        Assert.Equal("queued", (await worker.TaskAsync(second)).GetProperty("state").GetString());

        // Back online: new work reaches her again (the two she missed are not offered to her again).
        await worker.AgentOnlineAsync("ann", "whatsapp");
        Assert.Equal(["whatsapp"], await ChannelsOfAsync(worker, "ann"));
        var third = await worker.WhatsAppArrivesAsync("+447700900703");
        Assert.Equal("ann", await worker.WaitForOfferAsync(third));
        Assert.Equal("queued", (await worker.TaskAsync(first)).GetProperty("state").GetString());
    }

    private static async Task<string[]> ChannelsOfAsync(WorkerProcess worker, string agentId) =>
        (await worker.Http.GetFromJsonAsync<JsonElement>("/api/agents", Ct)).EnumerateArray()
            .Single(a => a.GetProperty("id").GetString() == agentId).GetProperty("channels").EnumerateArray().Select(c => c.GetString()!).ToArray();

    [Fact]
    public async Task Bad_agent_and_presence_requests_get_a_400_or_404_problem()
    {
        await using var worker = WorkerProcess.Start(new Dictionary<string, string?>());
        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));

        var badProfile = await worker.Http.PutAsJsonAsync("/api/agents/x", new { capacityProfile = "gold" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badProfile.StatusCode);
        Assert.Contains("standard", await badProfile.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var badSkill = await worker.Http.PutAsJsonAsync("/api/agents/x", new { skills = new { billing = 11 } }, Ct);
        Assert.Contains("skills.billing", await badSkill.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var unknown = await worker.Http.PutAsJsonAsync("/api/agents/nobody/presence", new { channels = new[] { "voice" } }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        (await worker.Http.PutAsJsonAsync("/api/agents/x", new { name = "X" }, Ct)).EnsureSuccessStatusCode();
        var badChannel = await worker.Http.PutAsJsonAsync("/api/agents/x/presence", new { channels = new[] { "fax" } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badChannel.StatusCode);
    }

    [Fact]
    public async Task A_charter_with_an_error_stops_start_up_naming_file_line_and_field()
    {
        var directory = Directory.CreateTempSubdirectory("connector-charter-").FullName;
        var charter = Path.Combine(directory, "bad-charter.yaml");
        await File.WriteAllTextAsync(charter, "queues:\n  billing:\n    rank: 1\n    selection: fastest\n", Ct);
        await using var worker = WorkerProcess.Start(new Dictionary<string, string?> { ["Charter__Path"] = charter });

        Assert.NotEqual(0, await worker.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("Charter:Path", worker.Output, StringComparison.Ordinal);
        Assert.Contains("bad-charter.yaml:4", worker.Output, StringComparison.Ordinal);
        Assert.Contains("queues.billing.selection", worker.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shipped_sample_charter_starts_the_worker()
    {
        var sample = Path.Combine(Path.GetDirectoryName(RepositoryPaths.WorkerDll)!, "charter.sample.yaml");
        await using var worker = WorkerProcess.Start(new Dictionary<string, string?> { ["Charter__Path"] = sample });

        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        Assert.Contains("charter.sample.yaml", worker.Output, StringComparison.Ordinal);
    }
}
