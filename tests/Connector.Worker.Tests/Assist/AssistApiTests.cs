using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Api;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Push;
using Connector.Worker.Tests.Qa;

namespace Connector.Worker.Tests.Assist;

/// <summary>
/// Agent assist on a running Worker, on each store, with no AI service: admins write articles and mine, review and
/// publish replies; the agent holding a conversation is told when the customer writes and gets the suggestions for it
/// (only published replies), and their use is recorded.
/// </summary>
public abstract class AssistApiTests
{
    private const string Refund = "I've issued a refund for order {order}, it will reach your account within {number} working days.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<StoreUnderTest> StoreAsync();

    [Fact]
    public async Task The_agent_holding_a_conversation_gets_the_relevant_article_and_only_published_replies_and_their_use_is_recorded()
    {
        await using var store = await StoreAsync();
        // Four agents' paraphrases of the refund reply, one agent's pet phrase, and a reply that failed to send.
        await store.SentAsync("ann", "Hi Carol, I've issued a refund for order A-12345, it will reach your account within 5 working days.");
        await store.SentAsync("ben", "Hello Dan, I have issued a refund for order B-99812. It will reach your account within 5 working days.");
        await store.SentAsync("cat", "I've issued the refund for your order D-77123, it will be back in your account within 5 working days.");
        await store.SentAsync("dan", "Hi Eve, I've issued a refund for order C-55512, it should reach your account within 5 working days.");
        foreach (var order in new[] { "Z-1001", "Z-1002", "Z-1003", "Z-1004" })
        {
            await store.SentAsync("ann", $"Thanks for waiting, I'm checking with the warehouse about order {order} now.");
        }

        await store.SentAsync("ben", "Our opening hours are 8 to 6 on weekdays.", state: "failed");
        await store.SentAsync("cat", "Our opening hours are 8 to 6 on weekdays.", state: "failed");
        await store.SentAsync("dan", "Our opening hours are 8 to 6 on weekdays.", state: "failed");

        await using var worker = await PanelWorld.StartAsync(settings: new Dictionary<string, string?>(store.WorkerSettings));
        await worker.PutAgentAsync("ann", skill: "support");
        await worker.PutAgentAsync("bob", skill: "support");
        await worker.PutAgentAsync("sue", supervises: "support");
        await worker.PutAgentAsync("sam", supervises: "billing");
        using var ann = await worker.KeyAsync("agent", "ann");
        using var bob = await worker.KeyAsync("agent", "bob");
        using var sue = await worker.KeyAsync("supervisor", "sue");
        using var sam = await worker.KeyAsync("supervisor", "sam");
        var admin = worker.Http;

        // Articles, and what a bad one is told.
        var refunds = await CreatedAsync(admin, new { title = "Refunds", body = "Refunds are paid to the card used, within 5 working days of the return reaching us.", language = "en", tags = new[] { "Billing", "refunds" } });
        await CreatedAsync(admin, new { title = "Resetting a password", body = "Click Forgot password on the sign-in page; the link is valid for one hour.", language = "en" });
        await CreatedAsync(admin, new { title = "Delivery times", body = "Standard delivery takes 2 to 4 working days; express arrives the next working day.", language = "en" });
        var bad = await admin.PostAsJsonAsync("/api/knowledge/articles", new { title = " ", body = "x", language = "english!", tags = new[] { "ok", "" } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal(["language", "tags[1]", "title"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await sue.PostAsJsonAsync("/api/knowledge/articles", new { title = "T", body = "B", language = "en" }, Ct)).StatusCode);

        // Mining: the refund paraphrases are one candidate of four sends by four agents; ann's pet phrase (one agent) and
        // the failed sends are not candidates.
        var mined = await admin.PostAsJsonAsync("/api/assist/replies/mine", new { since = "2026-01-01T00:00:00Z" }, Ct);
        Assert.Equal(HttpStatusCode.OK, mined.StatusCode);
        Assert.Equal(1, (await mined.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("added").GetInt32());
        var candidate = Assert.Single(await ListAsync(admin, "/api/assist/replies?state=candidate"));
        Assert.Equal((4, 4), (candidate.GetProperty("sentCount").GetInt32(), candidate.GetProperty("agentCount").GetInt32()));
        Assert.Contains("{order}", candidate.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Carol", candidate.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/assist/replies/mine", new { minSent = 1 }, Ct)).StatusCode);

        // The customer writes; ann takes the work and is told of the next message on the hub.
        await worker.OnlineAsync("ann", "whatsapp");
        var (task, conversation) = await worker.ArrivesAsync("whatsapp", "+447700900123");
        await worker.AcceptsAsync(ann, task);
        await using var panel = HubClient.Start(await KeyOfAsync(worker, "ann"), afterSeq: -1, worker.BaseAddress);
        await panel.WaitForAsync(e => e.GetProperty("event").GetString() == "resumed", TimeSpan.FromSeconds(20), context: () => worker.Output);
        await worker.SaysAsync("whatsapp", "+447700900123", "in", "I sent the shoes back last week, when do I get my money back?");
        var pushed = await panel.WaitForPushAsync("assistAvailable", TimeSpan.FromSeconds(20), () => worker.Output);
        Assert.Equal(conversation, pushed.GetProperty("data").GetProperty("conversationId").GetGuid());

        // Not yet reviewed: the candidate is never suggested.
        var before = await ann.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversation}/assist", Ct);
        Assert.Empty(before.GetProperty("replies").EnumerateArray());
        Assert.Equal(refunds, before.GetProperty("articles")[0].GetProperty("id").GetGuid());

        // Reviewed, edited and published: now it is.
        var id = candidate.GetProperty("id").GetGuid();
        var review = await admin.PutAsJsonAsync($"/api/assist/replies/{id}", new { state = "published", text = Refund }, Ct);
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"/api/assist/replies/{id}", new { state = "approved" }, Ct)).StatusCode);
        var assist = await ann.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversation}/assist", Ct);
        var article = assist.GetProperty("articles")[0];
        Assert.Equal(refunds, article.GetProperty("id").GetGuid());
        Assert.True(article.GetProperty("score").GetDouble() > assist.GetProperty("articles").EnumerateArray().Skip(1).Select(a => a.GetProperty("score").GetDouble()).DefaultIfEmpty(0).Max());
        Assert.StartsWith("score ", article.GetProperty("why").GetString(), StringComparison.Ordinal);
        var reply = Assert.Single(assist.GetProperty("replies").EnumerateArray());
        Assert.Equal((id, Refund), (reply.GetProperty("id").GetGuid(), reply.GetProperty("text").GetString()));
        Assert.Equal(JsonValueKind.Null, assist.GetProperty("draft").ValueKind);
        Assert.Equal("no AI service (Ai:Provider is None)", assist.GetProperty("draftUnavailable").GetString());

        // Who may ask: the holder, the queue's supervisor and admins; another agent and another queue's supervisor 403.
        Assert.Equal(HttpStatusCode.OK, (await sue.GetAsync($"/api/conversations/{conversation}/assist", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/conversations/{conversation}/assist", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetAsync($"/api/conversations/{conversation}/assist", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sam.GetAsync($"/api/conversations/{conversation}/assist", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/conversations/{Guid.NewGuid()}/assist", Ct)).StatusCode);

        // Uses, as ann; a wrong kind or an unpublished reply is a 400 naming the field; bob may not record on her work.
        Assert.Equal(HttpStatusCode.Created, (await ann.PostAsJsonAsync($"/api/conversations/{conversation}/assist/uses", new { suggestionId = id, kind = "reply", action = "shown" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ann.PostAsJsonAsync($"/api/conversations/{conversation}/assist/uses", new { suggestionId = id, kind = "reply", action = "inserted" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ann.PostAsJsonAsync($"/api/conversations/{conversation}/assist/uses", new { suggestionId = refunds, kind = "article", action = "dismissed" }, Ct)).StatusCode);
        await AssertNamesAsync(await ann.PostAsJsonAsync($"/api/conversations/{conversation}/assist/uses", new { suggestionId = id, kind = "faq", action = "shown" }, Ct), "kind");
        await AssertNamesAsync(await ann.PostAsJsonAsync($"/api/conversations/{conversation}/assist/uses", new { suggestionId = Guid.NewGuid(), kind = "reply", action = "shown" }, Ct), "suggestionId");
        await AssertNamesAsync(await ann.PostAsJsonAsync($"/api/conversations/{conversation}/assist/uses", new { suggestionId = Guid.NewGuid(), kind = "draft", action = "inserted" }, Ct), "text");
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.PostAsJsonAsync($"/api/conversations/{conversation}/assist/uses", new { suggestionId = id, kind = "reply", action = "shown" }, Ct)).StatusCode);

        var usage = await ListAsync(admin, "/api/assist/usage");
        var replyUsage = usage.Single(u => u.GetProperty("kind").GetString() == "reply");
        Assert.Equal((id.ToString(), Refund, "published"), (replyUsage.GetProperty("suggestionId").GetString(), replyUsage.GetProperty("title").GetString(), replyUsage.GetProperty("state").GetString()));
        Assert.Equal((1, 1, 0, 1), (replyUsage.GetProperty("shown").GetInt32(), replyUsage.GetProperty("inserted").GetInt32(), replyUsage.GetProperty("dismissed").GetInt32(), replyUsage.GetProperty("agents").GetInt32()));
        var articleUsage = usage.Single(u => u.GetProperty("kind").GetString() == "article");
        Assert.Equal(("Refunds", 1), (articleUsage.GetProperty("title").GetString(), articleUsage.GetProperty("dismissed").GetInt32()));

        // Retired articles and rejected replies are suggested no more.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/knowledge/articles/{refunds}/retire", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/assist/replies/{id}", new { state = "rejected" }, Ct)).StatusCode);
        var after = await ann.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversation}/assist", Ct);
        Assert.DoesNotContain(after.GetProperty("articles").EnumerateArray(), a => a.GetProperty("id").GetGuid() == refunds);
        Assert.Empty(after.GetProperty("replies").EnumerateArray());
    }

    private static async Task<Guid> CreatedAsync(HttpClient admin, object article)
    {
        var response = await admin.PostAsJsonAsync("/api/knowledge/articles", article, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement[]> ListAsync(HttpClient caller, string url) =>
        [.. (await caller.GetFromJsonAsync<JsonElement>(url, Ct)).EnumerateArray()];

    private static async Task AssertNamesAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), errors.GetRawText());
    }

    /// <summary>A further key for the agent, for the hub client (the official JavaScript client is given the key itself).</summary>
    private static async Task<string> KeyOfAsync(WorkerProcess worker, string agentId)
    {
        var issued = await worker.Http.PostAsJsonAsync("/api/keys", new { name = $"hub {agentId}", role = "agent", agentId }, Ct);
        issued.EnsureSuccessStatusCode();
        return (await issued.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("key").GetString()!;
    }
}

public sealed class SqliteAssistApiTests : AssistApiTests
{
    protected override Task<StoreUnderTest> StoreAsync() => StoreUnderTest.SqliteAsync();
}

public sealed class PostgresAssistApiTests : AssistApiTests
{
    protected override Task<StoreUnderTest> StoreAsync() => StoreUnderTest.PostgresAsync();
}
