using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connector.Worker.Tests.Fakes.Acs;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Payloads;

namespace Connector.Worker.Tests.Chat;

/// <summary>
/// A Worker with a fake ACS that can send codes (a sender address for ACS Email, a WhatsApp template for phones), on
/// SQLite or PostgreSQL, and what a visitor and the admin do through its HTTP API.
/// </summary>
internal sealed partial class ChatClaimRig : IAsyncDisposable
{
    public const string HookKey = "claims-hook-key";
    public const string Template = "verification_code";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private WorkerWithFakeAcs _setup = null!;
    private HttpClient _visitorHttp = null!;

    public FakeAcsServer Acs => _setup.Acs;
    public WorkerProcess Worker => _setup.Worker;

    public static async Task<ChatClaimRig> StartAsync(string store, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Acs__WebhookKey"] = HookKey,
            ["Identity__DefaultRegion"] = "GB",
            ["Acs__Email__SenderAddress"] = "DoNotReply@contact.example",
            ["Acs__WhatsApp__ChannelRegistrationId"] = "0f0e0d0c-0b0a-4909-8807-060504030201",
            ["Acs__WhatsApp__Templates__0__Name"] = Template,
            ["Acs__WhatsApp__Templates__0__Language"] = "en",
            ["Chat__Verification__WhatsAppTemplate"] = Template,
        };
        if (store == "postgres")
        {
            settings["ConnectionStrings__Connector"] = await TestPostgres.CreateDatabaseAsync();
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var setup = await WorkerWithFakeAcs.StartAsync(settings, Ct);
        // The visitor's browser: no admin key, no cookie.
        return new ChatClaimRig { _setup = setup, _visitorHttp = new HttpClient { BaseAddress = setup.Worker.BaseAddress } };
    }

    /// <summary>A customer known on a channel already (through the admin's intake), with an open conversation.</summary>
    public async Task<(Guid CustomerId, Guid ConversationId)> CustomerWritesAsync(string channel, string kind, string value, string text)
    {
        var response = await Worker.Http.PostAsJsonAsync("/api/inbound-events", new
        {
            eventId = Guid.NewGuid().ToString(),
            channel,
            type = "message",
            text,
            identities = new[] { new { kind, value } },
        }, Ct);
        response.EnsureSuccessStatusCode();
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (result.GetProperty("customerId").GetGuid(), result.GetProperty("conversationId").GetGuid());
    }

    /// <summary>The raw answer of <c>POST /api/chat/sessions</c> (the widget's pre-chat form).</summary>
    public async Task<(HttpResponseMessage Response, string Body)> StartSessionAsync(object form)
    {
        var response = await _visitorHttp.PostAsJsonAsync("/api/chat/sessions", form, Ct);
        return (response, await response.Content.ReadAsStringAsync(Ct));
    }

    public async Task<Visitor> VisitorAsync(string? phone = null, string? email = null)
    {
        var (response, body) = await StartSessionAsync(new { displayName = "Visitor", phone, email });
        response.EnsureSuccessStatusCode();
        var session = JsonDocument.Parse(body).RootElement;
        return new Visitor(session.GetProperty("threadId").GetString()!, session.GetProperty("userId").GetString()!, session.GetProperty("sessionKey").GetString()!);
    }

    public async Task<HttpResponseMessage> AskCodeAsync(Visitor visitor, string kind, string? key = null) =>
        await _visitorHttp.SendAsync(AsVisitor($"/api/chat/sessions/{Uri.EscapeDataString(visitor.ThreadId)}/verification-codes", new { kind }, key ?? visitor.SessionKey), Ct);

    public async Task<HttpResponseMessage> VerifyAsync(Visitor visitor, string kind, string code, string? key = null) =>
        await _visitorHttp.SendAsync(AsVisitor($"/api/chat/sessions/{Uri.EscapeDataString(visitor.ThreadId)}/verify", new { kind, code }, key ?? visitor.SessionKey), Ct);

    /// <summary>The latest code the fake ACS was asked to deliver to <paramref name="recipient"/> (an address, or a number's digits).</summary>
    public string LatestCodeTo(string recipient)
    {
        var sent = Acs.Requests.Where(r => r.Method == "POST" && (r.Path == "/emails:send" || r.Path == "/messages/notifications:send")
            && r.BodyText.Contains(recipient, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(sent);
        return SixDigits().Match(sent[^1].BodyText).Value;
    }

    public int CodesSentTo(string recipient) =>
        Acs.Requests.Count(r => r.Method == "POST" && (r.Path == "/emails:send" || r.Path == "/messages/notifications:send")
            && r.BodyText.Contains(recipient, StringComparison.Ordinal) && r.StatusCode is >= 200 and < 300);

    /// <summary>The visitor writes in the chat; ACS delivers it to the webhook as Event Grid would.</summary>
    public async Task VisitorWritesAsync(Visitor visitor, string text)
    {
        (await AcsWebhookDelivery.PostAsync(Worker.Http, HookKey, AcsWebhookDelivery.ChatMessage(visitor.ThreadId, visitor.UserId, text), Ct)).EnsureSuccessStatusCode();
    }

    /// <summary>The customer an identity names, as the admin reads it (null when unknown).</summary>
    public async Task<JsonElement?> CustomerAsync(string identity)
    {
        using var response = await Worker.Http.GetAsync($"/api/customers?identity={Uri.EscapeDataString(identity)}", Ct);
        return response.StatusCode == System.Net.HttpStatusCode.NotFound ? null : await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public async Task<JsonElement> ConversationAsync(Guid id) => await Worker.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{id}", Ct);

    public static Guid IdOf(JsonElement? customer) => customer!.Value.GetProperty("id").GetGuid();

    public static IReadOnlyList<string> IdentitiesOf(JsonElement? customer) =>
        customer!.Value.GetProperty("identities").EnumerateArray().Select(i => $"{i.GetProperty("kind").GetString()}:{i.GetProperty("value").GetString()}").ToList();

    public static IReadOnlyList<Guid> ConversationsOf(JsonElement? customer) =>
        customer!.Value.GetProperty("conversationIds").EnumerateArray().Select(c => c.GetGuid()).ToList();

    public ValueTask DisposeAsync()
    {
        _visitorHttp.Dispose();
        return _setup.DisposeAsync();
    }

    private static HttpRequestMessage AsVisitor(string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Chat-Session-Key", key);
        return request;
    }

    [GeneratedRegex(@"(?<!\d)\d{6}(?!\d)")]
    private static partial Regex SixDigits();
}

internal sealed record Visitor(string ThreadId, string UserId, string SessionKey);
