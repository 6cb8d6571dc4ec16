using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Payloads;

namespace Connector.Worker.Tests.Chat;

/// <summary>
/// An agent who accepts a chat is joined to the customer's thread as soon as the router commits the assignment: the
/// join does not wait for the outbox's poll nor for a Hangfire worker that CRM calls may hold.
/// </summary>
public sealed class ChatJoinAtOnceTests
{
    private const string Key = "join-hook-key";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_agent_who_accepts_a_web_chat_joins_the_thread_at_once_though_the_outbox_poll_is_an_hour_away()
    {
        await using var setup = await WorkerWithFakeAcs.StartAsync(new Dictionary<string, string?>
        {
            ["Acs__WebhookKey"] = Key,
            ["Outbox__PollInterval"] = "01:00:00",
        }, Ct);
        var worker = setup.Worker;
        var started = await worker.Http.PostAsJsonAsync("/api/chat/sessions", new { displayName = "Sam" }, Ct);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var session = await started.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var threadId = session.GetProperty("threadId").GetString()!;
        var visitor = session.GetProperty("userId").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await AcsWebhookDelivery.PostAsync(worker.Http, Key, AcsWebhookDelivery.ChatMessage(threadId, visitor, "My bill is wrong"), Ct)).StatusCode);
        var conversation = Guid.Empty;
        await Eventually.TrueAsync(async () =>
        {
            var chat = (await worker.Http.GetFromJsonAsync<JsonElement>("/api/tasks", Ct)).EnumerateArray().FirstOrDefault(t => t.GetProperty("channel").GetString() == "chat");
            conversation = chat.ValueKind == JsonValueKind.Object ? chat.GetProperty("conversationId").GetGuid() : Guid.Empty;
            return conversation != Guid.Empty;
        }, TimeSpan.FromSeconds(15), () => worker.Output);

        await worker.TakeConversationAsync("ann", conversation, "chat");

        await Eventually.TrueAsync(() => Task.FromResult(setup.Acs.RequestsTo("/participants/:add").Count == 1), TimeSpan.FromSeconds(15), () => worker.Output);
        var thread = setup.Acs.FindThread(threadId)!;
        lock (thread)
        {
            Assert.Equal(3, thread.Participants.Count); // connector, visitor, Ann
        }

        var row = (await worker.Http.GetFromJsonAsync<JsonElement>("/api/outbox", Ct)).EnumerateArray().Single(r => r.GetProperty("kind").GetString() == "task.assigned");
        Assert.Equal(1, row.GetProperty("attempts").GetInt32());
        await Eventually.TrueAsync(async () => (await worker.Http.GetFromJsonAsync<JsonElement>("/api/outbox", Ct)).EnumerateArray()
            .Single(r => r.GetProperty("kind").GetString() == "task.assigned").GetProperty("state").GetString() == "done", TimeSpan.FromSeconds(15), () => worker.Output);
    }
}
