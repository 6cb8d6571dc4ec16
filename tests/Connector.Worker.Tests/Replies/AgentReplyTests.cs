using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Fakes.Acs;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Replies;

/// <summary>Agents' replies through ACS (a fake that checks HMAC and the wire format), with WhatsApp's 24-hour rule.</summary>
public sealed class AgentReplyTests : IAsyncLifetime
{
    private const string ChannelRegistration = "0e4bd9a4-3b7e-4a64-9d3b-6a1bb7ba3f10";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private WorkerWithFakeAcs _setup = null!;

    private FakeAcsServer Acs => _setup.Acs;
    private WorkerProcess Host => _setup.Worker;

    public async ValueTask InitializeAsync() => _setup = await WorkerWithFakeAcs.StartAsync(new Dictionary<string, string?>
    {
        ["Acs__WhatsApp__ChannelRegistrationId"] = ChannelRegistration,
        ["Acs__WhatsApp__Templates__0__Name"] = "follow_up",
        ["Acs__WhatsApp__Templates__0__Language"] = "en_GB",
        ["Acs__WhatsApp__Templates__0__Description"] = "We have news about your request",
        ["Acs__Email__SenderAddress"] = "DoNotReply@contact.example",
    }, Ct);

    public ValueTask DisposeAsync() => _setup.DisposeAsync();

    [Fact]
    public async Task Outside_the_24_hour_window_only_a_template_goes_out_and_inside_it_free_text_does()
    {
        var stale = await CustomerWritesAsync("whatsapp", "+447700900555", DateTimeOffset.UtcNow.AddHours(-25));

        var refused = await ReplyAsync(stale, new { channel = "whatsapp", text = "Any news?", agentId = "ann" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("24 hours", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("whatsapp-24-hour-customer-service-window", problem.GetProperty("rule").GetString());
        Assert.Equal("follow_up", problem.GetProperty("templates")[0].GetProperty("name").GetString());
        Assert.Empty(Acs.Notifications);

        var template = await ReplyAsync(stale, new { channel = "whatsapp", agentId = "ann", templateName = "follow_up" });
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        var sentTemplate = Assert.Single(Acs.Notifications);
        Assert.Equal("template", sentTemplate.Kind);
        Assert.Equal("447700900555", sentTemplate.Body["to"]![0]!.GetValue<string>());

        var fresh = await CustomerWritesAsync("whatsapp", "+447700900555", DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal(stale, fresh); // still within the continuity window
        var text = await ReplyAsync(fresh, new { channel = "whatsapp", text = "Your parcel ships today.", agentId = "ann" });
        Assert.Equal(HttpStatusCode.OK, text.StatusCode);
        var sentText = Acs.Notifications[^1];
        Assert.Equal("text", sentText.Kind);
        Assert.Equal("Your parcel ships today.", sentText.Body["content"]!.GetValue<string>());

        var timeline = await TimelineAsync(fresh);
        var outgoing = timeline.Where(t => t.GetProperty("direction").GetString() == "out").ToList();
        Assert.Equal(2, outgoing.Count);
        Assert.All(outgoing, o => Assert.Equal("sent", o.GetProperty("deliveryStatus").GetString()));
        Assert.Equal(sentText.MessageIds[0], outgoing[^1].GetProperty("externalRef").GetString());
    }

    [Fact]
    public async Task An_email_reply_threads_with_the_customers_mail_and_their_answer_continues_the_conversation()
    {
        var conversation = await CustomerWritesAsync("email", "lee@example.com", DateTimeOffset.UtcNow.AddMinutes(-30), "<c1@example.com>");

        var reply = await ReplyAsync(conversation, new { channel = "email", text = "Thanks, we are on it.", agentId = "ann", subject = "Re: broken router" });
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var sent = Assert.Single(Acs.EmailOperations).Message;
        Assert.Equal("<c1@example.com>", sent["headers"]!["In-Reply-To"]!.GetValue<string>());
        Assert.Contains("<c1@example.com>", sent["headers"]!["References"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("lee@example.com", sent["recipients"]!["to"]![0]!["address"]!.GetValue<string>());

        // Lee writes again about something else, then answers the first thread, quoting it.
        var other = await CustomerWritesAsync("email", "lee@example.com", DateTimeOffset.UtcNow.AddMinutes(-10), "<new@example.com>");
        Assert.Equal(conversation, other);
        var answer = await Host.Http.PostAsJsonAsync("/api/inbound-events", new
        {
            eventId = Guid.NewGuid().ToString(),
            channel = "email",
            type = "message",
            text = "It works now, thanks!",
            identities = new[] { new { kind = "email", value = "lee@example.com" } },
            externalRef = "<c2@example.com>",
            threadRefs = new[] { "<c1@example.com>" },
        }, Ct);
        Assert.Equal(conversation, (await answer.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("conversationId").GetGuid());

        var timeline = await TimelineAsync(conversation);
        Assert.Equal(["in", "in", "out", "in"], timeline.Select(t => t.GetProperty("direction").GetString()));
        Assert.Equal("Re: broken router", timeline[2].GetProperty("subject").GetString()); // the panel shows what the mail went out as
    }

    [Fact]
    public async Task An_ACS_refusal_is_a_502_problem_and_the_reply_stays_on_the_timeline_as_failed()
    {
        var conversation = await CustomerWritesAsync("whatsapp", "+447700900556", DateTimeOffset.UtcNow.AddMinutes(-1));
        Acs.FailNext(1, HttpStatusCode.BadRequest, pathContains: "notifications", errorCode: "InvalidRecipient");

        var response = await ReplyAsync(conversation, new { channel = "whatsapp", text = "Hello", agentId = "ann" });

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("InvalidRecipient", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // Recorded before it was sent: the agent sees the reply and that it failed, and nothing is sent later.
        var timeline = await TimelineAsync(conversation);
        Assert.Equal(2, timeline.Count);
        Assert.Equal(("out", "failed"), (timeline[1].GetProperty("direction").GetString(), timeline[1].GetProperty("deliveryStatus").GetString()));
        Assert.Equal(problem.GetProperty("timelineEventId").GetGuid(), timeline[1].GetProperty("id").GetGuid());
        Assert.Empty(Acs.Notifications);
    }

    private async Task<Guid> CustomerWritesAsync(string channel, string from, DateTimeOffset at, string? messageId = null)
    {
        var response = await Host.Http.PostAsJsonAsync("/api/inbound-events", new
        {
            eventId = Guid.NewGuid().ToString(),
            channel,
            type = "message",
            occurredAt = at,
            text = "Hello",
            identities = new[] { new { kind = channel, value = from } },
            externalRef = messageId,
        }, Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("conversationId").GetGuid();
    }

    /// <summary>The reply of an agent who holds the conversation (each conversation its own agent, so none runs out of capacity).</summary>
    private async Task<HttpResponseMessage> ReplyAsync(Guid conversation, object body)
    {
        var json = JsonSerializer.SerializeToNode(body, JsonSerializerOptions.Web)!.AsObject();
        var agent = $"agent-{conversation:N}"[..14];
        json["agentId"] = agent;
        var client = await Host.TakeConversationAsync(agent, conversation, json["channel"]!.GetValue<string>());
        return await client.PostAsJsonAsync($"/api/conversations/{conversation}/messages", json, Ct);
    }

    private async Task<List<JsonElement>> TimelineAsync(Guid conversation) =>
        (await Host.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversation}", Ct)).GetProperty("timeline").EnumerateArray().ToList();
}
