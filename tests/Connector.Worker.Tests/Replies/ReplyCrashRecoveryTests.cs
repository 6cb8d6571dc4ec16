using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Fakes.Acs;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Replies;

/// <summary>
/// A reply is recorded before it is sent: a Worker killed after ACS took the reply but before it heard the answer (so
/// before it could mark it sent) leaves it pending; the Worker started again sends it from the outbox with the same
/// request id, and ACS (the fake, deduplicating as ACS does) makes one message of the two sends.
/// </summary>
public sealed class ReplyCrashRecoveryTests
{
    private const string ChannelRegistration = "0e4bd9a4-3b7e-4a64-9d3b-6a1bb7ba3f10";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("whatsapp", "sqlite")]
    [InlineData("email", "sqlite")]
    [InlineData("chat", "sqlite")]
    [InlineData("whatsapp", "postgres")]
    [InlineData("email", "postgres")]
    public async Task A_worker_killed_between_recording_and_hearing_ACS_sends_the_reply_after_restart_once(string channel, string store)
    {
        await using var acs = await FakeAcsServer.StartAsync(cancellationToken: Ct);
        var workingDirectory = Directory.CreateTempSubdirectory("connector-reply-crash-").FullName;
        var environment = new Dictionary<string, string?>
        {
            ["Acs__ConnectionString"] = acs.ConnectionString,
            ["Acs__WhatsApp__ChannelRegistrationId"] = ChannelRegistration,
            ["Acs__Email__SenderAddress"] = "DoNotReply@contact.example",
            ["Outbox__PollInterval"] = "00:00:00.200",
            ["Replies__OutboxDelay"] = "00:00:01",
        };
        if (store == "postgres")
        {
            environment["ConnectionStrings__Connector"] = await TestPostgres.CreateDatabaseAsync();
        }

        const string text = "Your refund is on its way.";
        var key = Guid.NewGuid().ToString();
        Guid conversation;

        // 1. The reply is recorded and reaches ACS; the Worker dies before ACS's answer arrives. Its outbox is off, so
        //    nothing but the request could have sent it.
        await using (var first = WorkerProcess.Start(new Dictionary<string, string?>(environment) { ["Outbox__DispatchEnabled"] = "false" }, workingDirectory))
        {
            await first.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
            conversation = await CustomerWritesAsync(first, channel);
            var agent = await first.TakeConversationAsync($"agent-{conversation:N}"[..14], conversation, channel);
            acs.HoldAnswers(SendPath(channel));
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/conversations/{conversation}/messages")
            {
                Content = JsonContent.Create(new { channel, text, subject = channel == "email" ? "Re: refund" : null }),
            };
            request.Headers.Add("Idempotency-Key", key);
            var reply = agent.SendAsync(request, Ct);
            await Eventually.TrueAsync(() => Task.FromResult(SentCount(acs, channel, text) == 1), TimeSpan.FromSeconds(20), () => first.Output);

            await first.KillHardAsync();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => reply);
            acs.ReleaseAnswers();
        }

        // 2. After restart the outbox sends it again; ACS recognises the repeat and the timeline gets the first send's id.
        await using var second = WorkerProcess.Start(environment, workingDirectory);
        await second.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        var expectedId = SentId(acs, channel, text);
        await Eventually.TrueAsync(async () => (await OutgoingAsync(second, conversation)) is [var only] && only.GetProperty("externalRef").GetString() == expectedId,
            TimeSpan.FromSeconds(30), () => second.Output);

        Assert.Equal(1, SentCount(acs, channel, text));
        var outgoing = Assert.Single(await OutgoingAsync(second, conversation));
        Assert.Contains(outgoing.GetProperty("deliveryStatus").GetString(), new[] { "sent", "sending", "delivered" });
        var sends = acs.RequestsTo(SendPath(channel)).Where(r => r.Method == "POST").ToList();
        if (channel == "chat")
        {
            // Chat has no repeatability: the resend looked for the message by its metadata and found it.
            Assert.Single(sends);
        }
        else
        {
            Assert.Equal(2, sends.Count);
            var header = channel == "email" ? "Operation-Id" : "Repeatability-Request-ID";
            Assert.Single(sends.Select(s => s.Headers[header]).Distinct());
        }
    }

    private static string SendPath(string channel) => channel switch
    {
        "whatsapp" => "notifications:send",
        "email" => "emails:send",
        _ => "/messages",
    };

    private static int SentCount(FakeAcsServer acs, string channel, string text) => channel switch
    {
        "whatsapp" => acs.Notifications.Count(n => n.Body["content"]?.GetValue<string>() == text),
        "email" => acs.EmailOperations.Count(o => o.Message["content"]?["plainText"]?.GetValue<string>() == text),
        _ => acs.Threads.Sum(t => t.Messages.Count(m => m.Content["message"]?.GetValue<string>() == text)),
    };

    private static string SentId(FakeAcsServer acs, string channel, string text) => channel switch
    {
        "whatsapp" => acs.Notifications.Single(n => n.Body["content"]?.GetValue<string>() == text).MessageIds[0],
        "email" => acs.EmailOperations.Single(o => o.Message["content"]?["plainText"]?.GetValue<string>() == text).Id,
        _ => acs.Threads.SelectMany(t => t.Messages).Single(m => m.Content["message"]?.GetValue<string>() == text).Id,
    };

    /// <summary>The customer's message opens the conversation; on chat they first start a web-chat session (its thread is answered).</summary>
    private static async Task<Guid> CustomerWritesAsync(WorkerProcess worker, string channel)
    {
        var identity = channel switch
        {
            "whatsapp" => "+447700900777",
            "email" => "pat@example.com",
            _ => await ChatVisitorAsync(worker),
        };
        var response = await worker.Http.PostAsJsonAsync("/api/inbound-events", new
        {
            eventId = Guid.NewGuid().ToString(),
            channel,
            type = "message",
            occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            text = "Where is my refund?",
            identities = new[] { new { kind = channel, value = identity } },
            externalRef = channel == "email" ? "<refund@example.com>" : null,
        }, Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("conversationId").GetGuid();
    }

    private static async Task<string> ChatVisitorAsync(WorkerProcess worker)
    {
        var started = await worker.Http.PostAsJsonAsync("/api/chat/sessions", new { displayName = "Pat" }, Ct);
        started.EnsureSuccessStatusCode();
        return (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("userId").GetString()!;
    }

    private static async Task<List<JsonElement>> OutgoingAsync(WorkerProcess worker, Guid conversation) =>
        (await worker.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversation}", Ct)).GetProperty("timeline").EnumerateArray()
            .Where(t => t.GetProperty("direction").GetString() == "out").ToList();
}
