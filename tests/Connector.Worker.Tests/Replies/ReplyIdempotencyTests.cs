using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Fakes.Acs;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Replies;

/// <summary>
/// <c>POST /api/conversations/{id}/messages</c> with an <c>Idempotency-Key</c>: a retry is answered as the first and
/// sent once (the fake ACS executes a repeated Repeatability-Request-ID / Operation-Id once, as ACS does).
/// </summary>
public sealed class ReplyIdempotencyTests : IAsyncLifetime
{
    private const string ChannelRegistration = "0e4bd9a4-3b7e-4a64-9d3b-6a1bb7ba3f10";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private WorkerWithFakeAcs _setup = null!;

    private FakeAcsServer Acs => _setup.Acs;
    private WorkerProcess Host => _setup.Worker;

    public async ValueTask InitializeAsync() => _setup = await WorkerWithFakeAcs.StartAsync(new Dictionary<string, string?>
    {
        ["Acs__WhatsApp__ChannelRegistrationId"] = ChannelRegistration,
        ["Acs__Email__SenderAddress"] = "DoNotReply@contact.example",
        ["Outbox__PollInterval"] = "00:00:00.200",
        // Long enough for the request to finish its own send on a loaded machine; the outbox sends what it could not.
        ["Replies__OutboxDelay"] = "00:00:05",
    }, Ct);

    public ValueTask DisposeAsync() => _setup.DisposeAsync();

    [Fact]
    public async Task A_WhatsApp_reply_retried_with_the_same_key_is_sent_once_and_the_retry_gets_the_first_answer()
    {
        var (conversation, agent) = await HeldConversationAsync("whatsapp", "+447700900601");
        var key = Guid.NewGuid().ToString();

        var first = await ReplyAsync(agent, conversation, key, new { channel = "whatsapp", text = "Your parcel ships today." });
        var retry = await ReplyAsync(agent, conversation, key, new { channel = "whatsapp", text = "Your parcel ships today." });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var body = await first.Content.ReadAsStringAsync(Ct);
        Assert.Equal(body, await retry.Content.ReadAsStringAsync(Ct));
        var sent = Assert.Single(Acs.Notifications);
        Assert.Equal(sent.MessageIds[0], JsonDocument.Parse(body).RootElement.GetProperty("messageId").GetString());
        var outgoing = Assert.Single(await OutgoingAsync(conversation));
        Assert.Equal(("sent", sent.MessageIds[0]), (outgoing.GetProperty("deliveryStatus").GetString(), outgoing.GetProperty("externalRef").GetString()));
        // Whoever sent it (the request; the outbox, had the request been slow) sent it as the one request ACS executed.
        Assert.All(Acs.RequestsTo("notifications"), r => Assert.Equal(sent.RepeatabilityRequestId, r.Headers["Repeatability-Request-ID"]));
    }

    [Fact]
    public async Task An_email_reply_retried_with_the_same_key_is_one_ACS_operation_and_one_timeline_entry()
    {
        var (conversation, agent) = await HeldConversationAsync("email", "kim@example.com");
        var key = Guid.NewGuid().ToString();

        var answers = new List<string>();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            var response = await ReplyAsync(agent, conversation, key, new { channel = "email", text = "We are on it.", subject = "Re: invoice" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add(await response.Content.ReadAsStringAsync(Ct));
        }

        Assert.Single(answers.Distinct());
        var operation = Assert.Single(Acs.EmailOperations);
        Assert.All(Acs.RequestsTo("emails:send"), r => Assert.Equal(operation.Id, r.Headers["Operation-Id"]));
        var outgoing = Assert.Single(await OutgoingAsync(conversation));
        Assert.Equal(operation.Id, outgoing.GetProperty("externalRef").GetString());
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_409_problem_naming_the_key_and_nothing_more_is_sent()
    {
        var (conversation, agent) = await HeldConversationAsync("whatsapp", "+447700900602");
        var key = Guid.NewGuid().ToString();
        (await ReplyAsync(agent, conversation, key, new { channel = "whatsapp", text = "First message" })).EnsureSuccessStatusCode();

        var reused = await ReplyAsync(agent, conversation, key, new { channel = "whatsapp", text = "A different message" });

        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Equal("application/problem+json", reused.Content.Headers.ContentType?.MediaType);
        var problem = await reused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Idempotency-Key", problem.GetProperty("field").GetString());
        Assert.Contains(key, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single(Acs.Notifications);
        Assert.Single(await OutgoingAsync(conversation));
    }

    [Fact]
    public async Task Without_a_key_each_request_is_its_own_reply_as_before()
    {
        var (conversation, agent) = await HeldConversationAsync("whatsapp", "+447700900603");

        foreach (var _ in Enumerable.Range(0, 2))
        {
            (await ReplyAsync(agent, conversation, null, new { channel = "whatsapp", text = "Hello again" })).EnsureSuccessStatusCode();
        }

        Assert.Equal(2, Acs.Notifications.Count);
        Assert.Equal(2, (await OutgoingAsync(conversation)).Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("x")] // made 256 long below
    public async Task A_malformed_key_is_a_400_problem_naming_the_key(string key)
    {
        var (conversation, agent) = await HeldConversationAsync("whatsapp", $"+4477009006{key.Length % 10}{key.Length / 10 % 10}");
        key = key == "x" ? new string('x', 256) : key;

        var response = await ReplyAsync(agent, conversation, key, new { channel = "whatsapp", text = "Hi" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), problem.ToString());
        Assert.Empty(Acs.Notifications);
    }

    [Fact]
    public async Task A_reply_ACS_cannot_take_for_the_moment_is_202_pending_and_the_outbox_sends_it_once()
    {
        var (conversation, agent) = await HeldConversationAsync("whatsapp", "+447700900604");
        // The request's send and its retries (the ACS client's resilience handler, told to retry at once) all meet 503.
        Acs.FailNext(4, HttpStatusCode.ServiceUnavailable, retryAfter: TimeSpan.Zero, pathContains: "notifications");
        var key = Guid.NewGuid().ToString();

        var response = await ReplyAsync(agent, conversation, key, new { channel = "whatsapp", text = "Sorry for the wait" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var pending = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("pending", pending.GetProperty("deliveryStatus").GetString());
        Assert.Equal(JsonValueKind.Null, pending.GetProperty("messageId").ValueKind);
        var entry = pending.GetProperty("timelineEventId").GetGuid();
        Assert.Equal("pending", Assert.Single(await OutgoingAsync(conversation)).GetProperty("deliveryStatus").GetString());

        await Eventually.TrueAsync(async () => Assert.Single(await OutgoingAsync(conversation)).GetProperty("deliveryStatus").GetString() == "sent",
            TimeSpan.FromSeconds(30), () => Host.Output);
        var sent = Assert.Single(Acs.Notifications);
        var outgoing = Assert.Single(await OutgoingAsync(conversation));
        Assert.Equal((entry, sent.MessageIds[0]), (outgoing.GetProperty("id").GetGuid(), outgoing.GetProperty("externalRef").GetString()));
        // Every send of the reply carried the same request id.
        Assert.Single(Acs.RequestsTo("notifications").Select(r => r.Headers["Repeatability-Request-ID"]).Distinct());

        var retry = await ReplyAsync(agent, conversation, key, new { channel = "whatsapp", text = "Sorry for the wait" });
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(sent.MessageIds[0], (await retry.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("messageId").GetString());
        Assert.Single(Acs.Notifications);
    }

    private async Task<(Guid Conversation, HttpClient Agent)> HeldConversationAsync(string channel, string from)
    {
        var response = await Host.Http.PostAsJsonAsync("/api/inbound-events", new
        {
            eventId = Guid.NewGuid().ToString(),
            channel,
            type = "message",
            occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            text = "Hello",
            identities = new[] { new { kind = channel, value = from } },
            externalRef = channel == "email" ? $"<{Guid.NewGuid():N}@example.com>" : null,
        }, Ct);
        response.EnsureSuccessStatusCode();
        var conversation = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("conversationId").GetGuid();
        var agent = $"agent-{conversation:N}"[..14];
        return (conversation, await Host.TakeConversationAsync(agent, conversation, channel));
    }

    private static async Task<HttpResponseMessage> ReplyAsync(HttpClient agent, Guid conversation, string? key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/conversations/{conversation}/messages")
        {
            Content = JsonContent.Create(JsonSerializer.SerializeToNode(body, JsonSerializerOptions.Web)!.AsObject()),
        };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return await agent.SendAsync(request, Ct);
    }

    private async Task<List<JsonElement>> OutgoingAsync(Guid conversation) =>
        (await Host.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversation}", Ct)).GetProperty("timeline").EnumerateArray()
            .Where(t => t.GetProperty("direction").GetString() == "out").ToList();
}
