using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Crm;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Payloads;
using Connector.Worker.Tests.Routing;

namespace Connector.Worker.Tests.Bot;

/// <summary>
/// End to end: a Worker process on PostgreSQL whose charter puts the sample FAQ's bot in front of WhatsApp and web chat,
/// a fake ACS that receives what the bot sends, and a fake Salesforce that receives the interaction. The embedded bot: no AI
/// service, no network beyond the fakes on loopback.
/// </summary>
public sealed class BotEndToEndTests : IDisposable
{
    private const string WebhookKey = "bot-test-key";
    private const string Phone = "447700900555";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly string folder = Directory.CreateTempSubdirectory("bot-e2e").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_WhatsApp_the_bot_answers_an_FAQ_question_and_hands_a_request_for_a_person_to_an_agent_with_its_transcript()
    {
        await using var setup = await WorkerWithFakeSalesforce.StartAsync(new Dictionary<string, string?>
        {
            ["Charter:Path"] = Charter(),
            ["Acs:WebhookKey"] = WebhookKey,
        });
        await setup.Worker.AgentOnlineAsync("ann", "whatsapp");

        (await WhatsAppAsync(setup.Worker, "what time are you open on saturday?")).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => Task.FromResult(setup.Acs.Notifications.Any(n => n.Body.ToJsonString().Contains("Saturday 9am", StringComparison.Ordinal))),
            Timeout, setup.Describe);
        var conversation = await ConversationOfAsync(setup.Worker);
        Assert.Empty(await TasksOfAsync(setup.Worker, conversation));

        (await WhatsAppAsync(setup.Worker, "I want to speak to a person please, order ORD-77120")).EnsureSuccessStatusCode();
        JsonElement task = default;
        await Eventually.TrueAsync(async () => (await TasksOfAsync(setup.Worker, conversation)) is [var t] && (task = t).GetProperty("state").GetString() == "offered",
            Timeout, setup.Describe);
        var summary = task.GetProperty("handOffSummary").GetString()!;
        Assert.StartsWith("Customer asked for a person", summary, StringComparison.Ordinal);
        Assert.Contains("reference ORD-77120", summary, StringComparison.Ordinal);
        Assert.Equal("ann", task.GetProperty("assignedAgentId").GetString());

        var taskId = task.GetProperty("id").GetGuid();
        (await (await setup.Worker.AgentAsync("ann")).PostAsJsonAsync($"/api/offers/{taskId}/accept", new { agentId = "ann" }, Ct)).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(async () => (await setup.Worker.TaskAsync(taskId)).GetProperty("state").GetString() == "assigned", Timeout, setup.Describe);
        var timeline = (await (await setup.Worker.AgentAsync("ann")).GetFromJsonAsync<JsonElement>($"/api/conversations/{conversation}", Ct)).GetProperty("timeline").EnumerateArray().ToList();
        var byBot = timeline.Where(e => e.TryGetProperty("author", out var a) && a.GetString() == "bot").ToList();
        Assert.Contains(byBot, e => e.GetProperty("type").GetString() == "message" && e.GetProperty("text").GetString()!.Contains("Saturday 9am", StringComparison.Ordinal));
        var note = Assert.Single(byBot, e => e.GetProperty("type").GetString() == "note").GetProperty("text").GetString()!;
        Assert.Contains("Bot transcript:", note, StringComparison.Ordinal);
        Assert.Contains("Customer: what time are you open on saturday?", note, StringComparison.Ordinal);
        Assert.Contains("Reason: explicit_request", note, StringComparison.Ordinal);

        (await (await setup.Worker.AgentAsync("ann")).PostAsJsonAsync($"/api/conversations/{conversation}/messages", new { channel = "whatsapp", text = "Hi, Ann here, let me look at ORD-77120.", agentId = "ann" }, Ct)).EnsureSuccessStatusCode();
        await setup.WrapUpAsync(conversation, "ann", "Answered", "Chased the order");
        await setup.UntilOutboxDrainedAsync(Timeout);
        var activity = Assert.Single(setup.Salesforce.Records("Task"))["Description"];
        Assert.Contains("Bot: Our team is here Monday to Friday", activity, StringComparison.Ordinal);
        Assert.Contains("Bot hand-off: Customer asked for a person", activity, StringComparison.Ordinal);
        Assert.Contains("Agent: Hi, Ann here", activity, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_web_chat_the_bot_answers_in_the_thread_and_a_request_for_a_person_reaches_an_agent_with_its_transcript()
    {
        await using var setup = await WorkerWithFakeSalesforce.StartAsync(new Dictionary<string, string?>
        {
            ["Charter:Path"] = Charter(),
            ["Acs:WebhookKey"] = WebhookKey,
        });
        await setup.Worker.AgentOnlineAsync("ann", "chat");
        var session = await (await setup.Worker.Http.PostAsJsonAsync("/api/chat/sessions", new { displayName = "Priya" }, Ct)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Ct);
        var thread = session.GetProperty("threadId").GetString()!;
        var visitor = session.GetProperty("userId").GetString()!;

        (await ChatAsync(setup.Worker, thread, visitor, "what time are you open on saturday?")).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => Task.FromResult(ThreadHas(setup, thread, "Saturday 9am")), Timeout, setup.Describe);
        Assert.DoesNotContain((await setup.Worker.Http.GetFromJsonAsync<JsonElement>("/api/tasks", Ct)).EnumerateArray(), t => t.GetProperty("channel").GetString() == "chat");

        (await ChatAsync(setup.Worker, thread, visitor, "I want to speak to a real person please, about order ORD-55311")).EnsureSuccessStatusCode();
        JsonElement task = default;
        await Eventually.TrueAsync(async () => (await setup.Worker.Http.GetFromJsonAsync<JsonElement>("/api/tasks", Ct)).EnumerateArray().ToList() is [var t]
            && (task = t).GetProperty("state").GetString() == "offered", Timeout, setup.Describe);
        Assert.Equal("chat", task.GetProperty("channel").GetString());
        var summary = task.GetProperty("handOffSummary").GetString()!;
        Assert.StartsWith("Customer asked for a person", summary, StringComparison.Ordinal);
        Assert.Contains("reference ORD-55311", summary, StringComparison.Ordinal);

        var taskId = task.GetProperty("id").GetGuid();
        var conversation = task.GetProperty("conversationId").GetGuid();
        (await (await setup.Worker.AgentAsync("ann")).PostAsJsonAsync($"/api/offers/{taskId}/accept", new { agentId = "ann" }, Ct)).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(async () => (await setup.Worker.TaskAsync(taskId)).GetProperty("state").GetString() == "assigned", Timeout, setup.Describe);
        var timeline = (await (await setup.Worker.AgentAsync("ann")).GetFromJsonAsync<JsonElement>($"/api/conversations/{conversation}", Ct)).GetProperty("timeline").EnumerateArray().ToList();
        var note = Assert.Single(timeline, e => e.TryGetProperty("author", out var a) && a.GetString() == "bot" && e.GetProperty("type").GetString() == "note").GetProperty("text").GetString()!;
        Assert.Contains("Customer: what time are you open on saturday?", note, StringComparison.Ordinal);
        Assert.Contains("Reason: explicit_request", note, StringComparison.Ordinal);

        (await (await setup.Worker.AgentAsync("ann")).PostAsJsonAsync($"/api/conversations/{conversation}/messages", new { channel = "chat", text = "Hi Priya, Ann here.", agentId = "ann" }, Ct)).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => Task.FromResult(ThreadHas(setup, thread, "Ann here")), Timeout, setup.Describe);
        await setup.WrapUpAsync(conversation, "ann", "Answered", "Explained the opening hours");
        await setup.UntilOutboxDrainedAsync(Timeout);
        var activity = Assert.Single(setup.Salesforce.Records("Task"))["Description"];
        Assert.Contains("Bot: Our team is here Monday to Friday", activity, StringComparison.Ordinal);
        Assert.Contains("Bot hand-off: Customer asked for a person", activity, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>Whether a message in the ACS thread (the bot's or an agent's, as the visitor's widget shows it) holds the text.</summary>
    private static bool ThreadHas(WorkerWithFakeSalesforce setup, string threadId, string text)
    {
        var thread = setup.Acs.FindThread(threadId)!;
        lock (thread)
        {
            return thread.Messages.Any(m => m.Content.ToJsonString().Contains(text, StringComparison.Ordinal));
        }
    }

    /// <summary>A visitor's web-chat message as ACS delivers it: <c>ChatMessageReceivedInThread</c> to the webhook, with its key.</summary>
    private static async Task<HttpResponseMessage> ChatAsync(WorkerProcess worker, string threadId, string sender, string text)
    {
        return await AcsWebhookDelivery.PostAsync(worker.Http, WebhookKey, AcsWebhookDelivery.ChatMessage(threadId, sender, text), Ct);
    }

    private string Charter()
    {
        var faq = Path.Combine(RepositoryPaths.Root, "tests", "datasets", "contact-centre", "faq.en.yaml");
        var path = Path.Combine(folder, "charter.yaml");
        File.WriteAllText(path, $"""
            journeys:
              support: {"{"} preferredChannels: [whatsapp, chat], queue: whatsapp {"}"}
            channelJourneys:
              whatsapp: support
              chat: support
            bots:
              support:
                faq: {faq}
                threshold: 0.4
                sensitiveIntents:
                  complaint:
                    phrases: [I want to file a complaint, Your service has been terrible]
            """);
        return path;
    }

    /// <summary>A customer's WhatsApp message as ACS delivers it: an Event Grid event to the webhook, with its key.</summary>
    private static async Task<HttpResponseMessage> WhatsAppAsync(WorkerProcess worker, string text)
    {
        return await AcsWebhookDelivery.PostAsync(worker.Http, WebhookKey, AcsWebhookDelivery.WhatsAppText(Phone, text, WorkerWithFakeSalesforce.ChannelRegistration), Ct);
    }

    private static async Task<Guid> ConversationOfAsync(WorkerProcess worker)
    {
        var customer = await worker.Http.GetFromJsonAsync<JsonElement>($"/api/customers?identity={Uri.EscapeDataString("whatsapp:+" + Phone)}", Ct);
        return customer.GetProperty("conversationIds")[0].GetGuid();
    }

    private static async Task<List<JsonElement>> TasksOfAsync(WorkerProcess worker, Guid conversation) =>
        [.. (await worker.Http.GetFromJsonAsync<JsonElement>("/api/tasks", Ct)).EnumerateArray().Where(t => t.GetProperty("conversationId").GetGuid() == conversation)];
}
