using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Fakes.Acs;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Payloads;

namespace Connector.Worker.Tests.Chat;

/// <summary>Web chat over ACS: sessions for visitors, their messages through the webhook, agents' replies into the thread.</summary>
public sealed class WebChatTests : IAsyncLifetime
{
    private const string Key = "chat-hook-key";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private WorkerWithFakeAcs _setup = null!;

    private FakeAcsServer Acs => _setup.Acs;
    private WorkerProcess Host => _setup.Worker;

    public async ValueTask InitializeAsync() => _setup = await WorkerWithFakeAcs.StartAsync(new Dictionary<string, string?>
    {
        ["Acs__WebhookKey"] = Key,
        ["Identity__DefaultRegion"] = "GB",
        ["Acs__WhatsApp__ChannelRegistrationId"] = "0f0e0d0c-0b0a-4909-8807-060504030201",
        ["Acs__WhatsApp__Templates__0__Name"] = "verification_code",
        ["Chat__Verification__WhatsAppTemplate"] = "verification_code",
    }, Ct);

    public ValueTask DisposeAsync() => _setup.DisposeAsync();

    [Fact]
    public async Task A_WhatsApp_customer_who_opens_a_web_chat_with_the_same_number_continues_the_same_conversation_once_they_type_the_code_sent_to_it()
    {
        var whatsapp = await Host.Http.PostAsJsonAsync("/api/inbound-events", new
        {
            eventId = Guid.NewGuid().ToString(),
            channel = "whatsapp",
            type = "message",
            text = "My router is broken",
            identities = new[] { new { kind = "whatsapp", value = "+447700900321" } },
        }, Ct);
        var conversation = (await whatsapp.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("conversationId").GetGuid();

        var started = await Host.Http.PostAsJsonAsync("/api/chat/sessions", new { displayName = "Sam", phone = "07700 900321" }, Ct);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var session = await started.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var threadId = session.GetProperty("threadId").GetString()!;
        var visitor = session.GetProperty("userId").GetString()!;
        Assert.StartsWith("8:acs:", visitor, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(session.GetProperty("token").GetString()));
        Assert.Contains(visitor, Acs.FindThread(threadId)!.Participants.Keys);

        // The number typed is only claimed until the code WhatsApp delivered to it comes back from the visitor.
        using var ask = new HttpRequestMessage(HttpMethod.Post, $"/api/chat/sessions/{Uri.EscapeDataString(threadId)}/verification-codes") { Content = JsonContent.Create(new { kind = "phone" }) };
        ask.Headers.Add("X-Chat-Session-Key", session.GetProperty("sessionKey").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await Host.Http.SendAsync(ask, Ct)).StatusCode);
        var code = System.Text.RegularExpressions.Regex.Match(Acs.RequestsTo("/messages/notifications:send")[^1].BodyText, @"(?<!\d)\d{6}(?!\d)").Value;
        using var verify = new HttpRequestMessage(HttpMethod.Post, $"/api/chat/sessions/{Uri.EscapeDataString(threadId)}/verify") { Content = JsonContent.Create(new { kind = "phone", code }) };
        verify.Headers.Add("X-Chat-Session-Key", session.GetProperty("sessionKey").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Host.Http.SendAsync(verify, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await PostChatEventAsync(threadId, visitor, "Still broken, can you help?")).StatusCode);

        var view = await Host.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversation}", Ct);
        Assert.Equal(["whatsapp", "chat"], view.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("channel").GetString()));
        Assert.Equal("Still broken, can you help?", view.GetProperty("timeline")[1].GetProperty("text").GetString());

        var reply = await (await Host.TakeConversationAsync("ann", conversation, "chat")).PostAsJsonAsync($"/api/conversations/{conversation}/messages", new { channel = "chat", text = "Let me look.", agentId = "ann" }, Ct);
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var sent = await reply.Content.ReadFromJsonAsync<JsonElement>(Ct);

        // ACS echoes the connector's own message to the webhook: it is not taken as the customer's.
        var service = Acs.Requests.First(r => r.Path.Contains("/messages", StringComparison.Ordinal) && r.Method == "POST" && r.Path.StartsWith("/chat", StringComparison.Ordinal));
        Assert.Contains("Let me look.", service.BodyText, StringComparison.Ordinal);
        var before = (await Host.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversation}", Ct)).GetProperty("timeline").GetArrayLength();
        var echo = await PostChatEventAsync(threadId, ServiceUser(threadId), "Let me look.", sent.GetProperty("messageId").GetString());
        Assert.Equal(1, (await echo.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("ignored").GetInt32());
        var timeline = (await Host.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversation}", Ct)).GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(before, timeline.Count);
        Assert.Equal(["in", "in", "out"], timeline.Select(t => t.GetProperty("direction").GetString()));
    }

    [Fact]
    public async Task Without_ACS_configured_a_chat_session_is_a_503_problem()
    {
        await using var bare = WorkerProcess.Start(new Dictionary<string, string?>());
        await bare.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));

        var response = await bare.Http.PostAsJsonAsync("/api/chat/sessions", new { phone = "+447700900321" }, Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Acs:ConnectionString", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_widget_page_and_its_loader_script_are_served_to_websites()
    {
        using var page = await Host.Http.GetAsync("/chat/widget", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("data-chat-api-version=\"2025-03-15\"", html, StringComparison.Ordinal); // the pinned Chat version
        Assert.Contains("../api/chat/sessions", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal); // nothing from a CDN

        using var script = await Host.Http.GetAsync("/chat/widget.js", Ct);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("new URL('widget', script.src)", await script.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agent_gets_one_ACS_chat_identity_and_a_fresh_token_each_time_and_nobody_else_gets_it()
    {
        (await Host.Http.PutAsJsonAsync("/api/agents/ann", new { name = "Ann", capacityProfile = "standard", languages = new[] { "en" } }, Ct)).EnsureSuccessStatusCode();

        (await Host.Http.PutAsJsonAsync("/api/agents/bea", new { name = "Bea" }, Ct)).EnsureSuccessStatusCode();
        var ann = await Host.AgentAsync("ann");
        var first = await ann.GetFromJsonAsync<JsonElement>("/api/agents/ann/chat-token", Ct);
        var second = await ann.GetFromJsonAsync<JsonElement>("/api/agents/ann/chat-token", Ct);

        var user = first.GetProperty("userId").GetString()!;
        Assert.StartsWith("8:acs:", user, StringComparison.Ordinal);
        Assert.Equal(user, second.GetProperty("userId").GetString());
        Assert.NotEqual(first.GetProperty("token").GetString(), second.GetProperty("token").GetString());
        Assert.Equal(Acs.Endpoint.ToString(), first.GetProperty("endpoint").GetString());
        Assert.Equal("2025-03-15", first.GetProperty("apiVersion").GetString());
        Assert.True(first.GetProperty("expiresOn").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        Assert.Single(Acs.RequestsTo("/identities"), r => r.Path == "/identities"); // made once, then only tokens

        // The token is ACS's own: the fake's Chat accepts it (and refuses a made-up one).
        using var own = new HttpRequestMessage(HttpMethod.Get, new Uri(Acs.Endpoint, "chat/threads/19%3Anone%40thread.v2?api-version=2025-03-15"));
        own.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", first.GetProperty("token").GetString());
        using var plain = new HttpClient();
        Assert.Equal(HttpStatusCode.NotFound, (await plain.SendAsync(own, Ct)).StatusCode);

        // The token reads every thread the agent joined: another agent, and even an admin, are refused it.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Host.AgentAsync("bea")).GetAsync("/api/agents/ann/chat-token", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Host.Http.GetAsync("/api/agents/ann/chat-token", Ct)).StatusCode);
        Assert.Single(Acs.RequestsTo("/identities"), r => r.Path == "/identities");
    }

    // The connector's own user made the thread; by now Ann, who took the conversation, is in it too (joined at once).
    private string ServiceUser(string threadId) => Acs.FindThread(threadId)!.CreatedBy;

    private async Task<HttpResponseMessage> PostChatEventAsync(string threadId, string sender, string text, string? messageId = null)
    {
        return await AcsWebhookDelivery.PostAsync(Host.Http, Key, AcsWebhookDelivery.ChatMessage(threadId, sender, text, messageId), Ct);
    }
}
