using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Routing;

namespace Connector.Worker.Tests.Crm;

/// <summary><c>POST /api/conversations/{id}/wrap-up</c> on a running Worker (no CRM configured).</summary>
public sealed class WrapUpEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Wrap_up_completes_the_agents_task_and_queues_one_interaction_sync_however_often_it_is_sent()
    {
        var environment = new Dictionary<string, string?>
        {
            ["Router__TickInterval"] = "00:00:00.100",
            ["Outbox__PollInterval"] = "00:00:00.200",
        };
        // A CRM, so that the interaction is written (and can be counted) at all.
        await using var salesforce = await WorkerCrm.AddSalesforceAsync(environment, Ct);
        await using var worker = WorkerProcess.Start(environment);
        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        await worker.AgentOnlineAsync("ann", "whatsapp");
        await worker.AgentOnlineAsync("bob");
        var task = await worker.WhatsAppArrivesAsync("+447700900555");
        var conversation = (await worker.TaskAsync(task)).GetProperty("conversationId").GetGuid();
        Assert.Equal("ann", await worker.WaitForOfferAsync(task));

        // Before the agent has the task there is nothing of theirs to wrap up.
        var early = await (await worker.AgentAsync("ann")).PostAsJsonAsync($"/api/conversations/{conversation}/wrap-up", new { agentId = "ann", disposition = "Resolved" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        (await (await worker.AgentAsync("ann")).PostAsJsonAsync($"/api/offers/{task}/accept", new { agentId = "ann" }, Ct)).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(async () => (await worker.TaskAsync(task)).GetProperty("state").GetString() == "assigned", TimeSpan.FromSeconds(15), () => worker.Output);

        var wrong = await (await worker.AgentAsync("bob")).PostAsJsonAsync($"/api/conversations/{conversation}/wrap-up", new { agentId = "bob", disposition = "Resolved" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        var response = await (await worker.AgentAsync("ann")).PostAsJsonAsync($"/api/conversations/{conversation}/wrap-up", new { agentId = "ann", disposition = "Resolved", notes = "Refunded to card 4111 1111 1111 1111" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((task, "wrapped up"), (body.GetProperty("taskId").GetGuid(), body.GetProperty("routing").GetString()));
        var key = body.GetProperty("interactionKey").GetString();
        Assert.Equal($"{conversation}:interaction:{task}", key);
        // The router answers once it applied the wrap-up; the store shows it a tick later.
        await Eventually.TrueAsync(async () => (await worker.TaskAsync(task)).GetProperty("state").GetString() == "completed", TimeSpan.FromSeconds(15), () => worker.Output);

        // A repeat finds the task finished and queues nothing more.
        var again = await (await worker.AgentAsync("ann")).PostAsJsonAsync($"/api/conversations/{conversation}/wrap-up", new { agentId = "ann", disposition = "Resolved" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        await Eventually.TrueAsync(async () =>
        {
            var rows = (await worker.Http.GetFromJsonAsync<JsonElement>("/api/outbox", Ct)).EnumerateArray().Where(r => r.GetProperty("kind").GetString() == "interaction.sync").ToList();
            return rows.Count == 1 && rows[0].GetProperty("idempotencyKey").GetString() == key && rows[0].GetProperty("state").GetString() == "done";
        }, TimeSpan.FromSeconds(15), () => worker.Output);
    }

    [Fact]
    public async Task Bad_wrap_up_requests_get_a_problem()
    {
        await using var worker = WorkerProcess.Start(new Dictionary<string, string?>());
        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));

        (await worker.Http.PutAsJsonAsync("/api/agents/ann", new { name = "Ann" }, Ct)).EnsureSuccessStatusCode();
        var notAnAgent = await worker.Http.PostAsJsonAsync($"/api/conversations/{Guid.NewGuid()}/wrap-up", new { disposition = "Resolved" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, notAnAgent.StatusCode);
        Assert.Equal("application/problem+json", notAnAgent.Content.Headers.ContentType?.MediaType);
        var tooLong = await (await worker.AgentAsync("ann")).PostAsJsonAsync($"/api/conversations/{Guid.NewGuid()}/wrap-up", new { agentId = "ann", disposition = new string('x', 256) }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var unknown = await (await worker.AgentAsync("ann")).PostAsJsonAsync($"/api/conversations/{Guid.NewGuid()}/wrap-up", new { agentId = "ann", disposition = "Resolved" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
