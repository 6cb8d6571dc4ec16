using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Core.Outbox;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Push;
using Connector.Worker.Tests.Routing;

namespace Connector.Worker.Tests.Crm;

/// <summary>
/// The CRM side of the agent panel, end to end: a Worker process with Crm:Provider=Salesforce over the fake Salesforce,
/// two of whose contacts carry the WhatsApp customer's number; the agent's panel reads the candidates, picks one, and
/// follows the contact and the logged activity over the hub (the official @microsoft/signalr client).
/// </summary>
public sealed class CrmContactPickerTests
{
    private const string Phone = "+447700900321";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_contacts_with_the_customers_phone_are_candidates_the_holding_agent_picks_one_and_the_wrapped_up_interaction_lands_on_it()
    {
        await using var setup = await WorkerWithFakeSalesforce.StartAsync();
        var ada = setup.Salesforce.Seed("Contact", new JsonObject { ["FirstName"] = "Ada", ["LastName"] = "Byron", ["Phone"] = "+44 7700 900321" });
        var alan = setup.Salesforce.Seed("Contact", new JsonObject { ["FirstName"] = "Alan", ["LastName"] = "Byron", ["Phone"] = "07700 900321" });
        var annKey = await setup.Worker.AgentWithKeyAsync("ann");
        using var ann = setup.Worker.WithKey(annKey);
        using var bob = setup.Worker.WithKey(await setup.Worker.AgentWithKeyAsync("bob"));
        await using var panel = HubClient.Start(annKey, afterSeq: -1, setup.Worker.BaseAddress);
        await panel.WaitForAsync(e => e.GetProperty("event").GetString() == "resumed", Timeout, context: () => setup.Worker.Output);
        await setup.Worker.AgentOnlineAsync("ann", "whatsapp");

        var conversation = await setup.ConversationAsync(Phone, "ann", "Which of you am I?", "Let me check.");
        var customer = (await setup.Worker.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversation}", Ct)).GetProperty("customerId").GetGuid();

        // The search matched both: nothing is created, and the panel shows both with their pages.
        JsonElement crm = default;
        await Eventually.TrueAsync(async () => (crm = await ann.GetFromJsonAsync<JsonElement>($"/api/customers/{customer}/crm", Ct)).GetProperty("candidates").GetArrayLength() == 2,
            Timeout, setup.Describe);
        Assert.Equal("salesforce", crm.GetProperty("crm").GetString());
        Assert.Equal(JsonValueKind.Null, crm.GetProperty("contact").ValueKind);
        var shown = crm.GetProperty("candidates").EnumerateArray().ToDictionary(c => c.GetProperty("recordId").GetString()!);
        Assert.Equal(new[] { ada, alan }.Order(), shown.Keys.Order());
        Assert.Equal("Contact", shown[alan].GetProperty("recordType").GetString());
        Assert.Equal("Alan Byron", shown[alan].GetProperty("name").GetString());
        Assert.Equal(PageOf(setup, "Contact", alan), shown[alan].GetProperty("url").GetString());
        Assert.Equal(2, setup.Salesforce.Records("Contact").Count);

        // A third record with the number appears, and the customer gives an email (a new identity: the contact is
        // searched again). The new candidates reach the panel that already holds the work, without polling.
        var third = setup.Salesforce.Seed("Contact", new JsonObject { ["FirstName"] = "Augusta", ["LastName"] = "King", ["Phone"] = "07700900321" });
        (await setup.Worker.Http.PostAsJsonAsync("/api/inbound-events", new
        {
            eventId = Guid.NewGuid().ToString(),
            channel = "whatsapp",
            type = "message",
            identities = new[] { new { kind = "whatsapp", value = Phone }, new { kind = "email", value = "byron@example.com" } },
            text = "My email is byron@example.com",
        }, Ct)).EnsureSuccessStatusCode();
        var picker = await panel.WaitForAsync(e => IsPush(e, "crmContact") && e.GetProperty("data").GetProperty("candidates").GetArrayLength() == 3, Timeout, context: setup.Describe);
        Assert.Equal(customer, picker.GetProperty("data").GetProperty("customerId").GetGuid());
        Assert.Equal(JsonValueKind.Null, picker.GetProperty("data").GetProperty("contact").ValueKind);
        Assert.Contains(picker.GetProperty("data").GetProperty("candidates").EnumerateArray(), c => c.GetProperty("recordId").GetString() == third);

        // Another agent may not choose; a record that is not a candidate is refused naming recordId.
        var refused = await bob.PutAsJsonAsync($"/api/customers/{customer}/crm/contact", new { recordId = alan }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var invalid = await ann.PutAsJsonAsync($"/api/customers/{customer}/crm/contact", new { recordId = "003NOTACANDIDATE" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
        Assert.True((await invalid.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("recordId", out _));

        var picked = await ann.PutAsJsonAsync($"/api/customers/{customer}/crm/contact", new { recordId = alan }, Ct);
        Assert.Equal(HttpStatusCode.OK, picked.StatusCode);
        var after = await picked.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(alan, after.GetProperty("contact").GetProperty("recordId").GetString());
        Assert.Equal(0, after.GetProperty("candidates").GetArrayLength());
        var screenPop = await panel.WaitForAsync(e => IsPush(e, "crmContact") && e.GetProperty("data").GetProperty("contact").ValueKind == JsonValueKind.Object, Timeout, context: setup.Describe);
        Assert.Equal(alan, screenPop.GetProperty("data").GetProperty("contact").GetProperty("recordId").GetString());
        Assert.Equal(PageOf(setup, "Contact", alan), screenPop.GetProperty("data").GetProperty("contact").GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await ann.PutAsJsonAsync($"/api/customers/{customer}/crm/contact", new { recordId = ada }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ann.PutAsJsonAsync($"/api/customers/{customer}/crm/contact", new { recordId = alan }, Ct)).StatusCode);

        var taskId = (await setup.Worker.Http.GetFromJsonAsync<JsonElement>("/api/tasks", Ct)).EnumerateArray()
            .Single(t => t.GetProperty("conversationId").GetGuid() == conversation && t.GetProperty("assignedAgentId").GetString() == "ann").GetProperty("id").GetGuid();
        await setup.WrapUpAsync(conversation, "ann", "Identified", "The caller is Alan");
        await setup.UntilOutboxDrainedAsync(Timeout);
        var task = Assert.Single(setup.Salesforce.Records("Task"));
        Assert.Equal(alan, task["WhoId"]);
        Assert.Equal(3, setup.Salesforce.Records("Contact").Count);

        // The panel gets the activity's link to hand to the CRM host, and the case shows with the contact.
        var activity = await panel.WaitForAsync(e => IsPush(e, "crmActivity"), Timeout, context: setup.Describe);
        var data = activity.GetProperty("data");
        Assert.Equal(conversation, data.GetProperty("conversationId").GetGuid());
        Assert.Equal(taskId, data.GetProperty("taskId").GetGuid());
        Assert.Equal("salesforce", data.GetProperty("crm").GetString());
        Assert.Equal("whatsapp", data.GetProperty("channel").GetString());
        Assert.Equal("Task", data.GetProperty("recordType").GetString());
        Assert.Equal(task.Id, data.GetProperty("recordId").GetString());
        Assert.Equal(PageOf(setup, "Task", task.Id), data.GetProperty("url").GetString());
        var crmCase = Assert.Single(setup.Salesforce.Records("Case"));
        var linked = Assert.Single((await ann.GetFromJsonAsync<JsonElement>($"/api/customers/{customer}/crm", Ct)).GetProperty("cases").EnumerateArray());
        Assert.Equal(crmCase.Id, linked.GetProperty("recordId").GetString());
        Assert.Equal(conversation, linked.GetProperty("conversationId").GetGuid());
    }

    [Fact]
    public async Task An_interaction_wrapped_up_before_the_pick_waits_for_it_without_using_up_attempts_and_the_pick_sends_it_on_at_once()
    {
        // Ten minutes between searches: only the pick can bring the waiting interaction on within the test's time.
        await using var setup = await WorkerWithFakeSalesforce.StartAsync(new Dictionary<string, string?> { ["Crm__Sync__MaxRetryDelay"] = "00:10:00" });
        setup.Salesforce.Seed("Contact", new JsonObject { ["FirstName"] = "Ada", ["LastName"] = "Byron", ["Phone"] = "+44 7700 900321" });
        var alan = setup.Salesforce.Seed("Contact", new JsonObject { ["FirstName"] = "Alan", ["LastName"] = "Byron", ["Phone"] = "07700 900321" });
        await setup.Worker.AgentOnlineAsync("ann", "whatsapp");
        var conversation = await setup.ConversationAsync(Phone, "ann", "Which of you am I?", "Let me check.");
        var customer = (await setup.Worker.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversation}", Ct)).GetProperty("customerId").GetGuid();
        await setup.WrapUpAsync(conversation, "ann", "Identified", "Picked later");

        OutboxMessage? waiting = null;
        await Eventually.TrueAsync(async () =>
        {
            waiting = (await setup.Outbox.ListAsync(OutboxState.Pending, Ct)).FirstOrDefault(r =>
                r.Kind == OutboxKind.InteractionSync && r.LastError?.Contains("several CRM records", StringComparison.Ordinal) == true);
            return waiting is not null;
        }, Timeout, setup.Describe);
        Assert.True(waiting!.NextAttemptAt > DateTimeOffset.UtcNow + TimeSpan.FromMinutes(5), setup.Describe());
        Assert.Empty(setup.Salesforce.Records("Task"));

        // Ann no longer holds the work; the admin picks for her.
        var picked = await setup.Worker.Http.PutAsJsonAsync($"/api/customers/{customer}/crm/contact", new { recordId = alan }, Ct);
        Assert.Equal(HttpStatusCode.OK, picked.StatusCode);

        await setup.UntilOutboxDrainedAsync(Timeout);
        Assert.Equal(alan, Assert.Single(setup.Salesforce.Records("Task"))["WhoId"]);
        Assert.Equal(2, setup.Salesforce.Records("Contact").Count);
        Assert.DoesNotContain(await setup.Outbox.ListAsync(null, Ct), r => r.State == OutboxState.Dead);
    }

    private static string PageOf(WorkerWithFakeSalesforce setup, string type, string id) => new Uri(setup.Salesforce.BaseUrl, $"/lightning/r/{type}/{id}/view").ToString();

    private static bool IsPush(JsonElement e, string type) => e.GetProperty("event").GetString() == "push" && e.GetProperty("type").GetString() == type;
}
