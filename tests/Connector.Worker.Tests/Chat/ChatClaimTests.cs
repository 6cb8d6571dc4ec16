using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Chat;

/// <summary>
/// What a web-chat visitor types is claimed, not verified: no merge, no other customer's conversation, no customer id
/// in any answer, until a one-time code over the claimed channel (or an agent) verifies it.
/// </summary>
public sealed class ChatClaimTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_visitor_who_types_a_customers_phone_and_email_gets_no_merge_no_conversation_and_no_customer_id_until_the_codes_link_them(string store)
    {
        await using var rig = await ChatClaimRig.StartAsync(store);
        var (alice, aliceConversation) = await rig.CustomerWritesAsync("whatsapp", "whatsapp", "+447700900111", "Where is my refund?");
        var (bob, _) = await rig.CustomerWritesAsync("email", "email", "bob@example.com", "About my invoice");

        var (response, body) = await rig.StartSessionAsync(new { displayName = "Mallory", phone = "07700 900111", email = "Bob@Example.com" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var session = JsonDocument.Parse(body).RootElement;
        Assert.False(session.TryGetProperty("customerId", out _));
        Assert.DoesNotContain(alice.ToString(), body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(bob.ToString(), body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("900111", body, StringComparison.Ordinal);
        Assert.DoesNotContain("bob@", body, StringComparison.OrdinalIgnoreCase);
        var visitor = new Visitor(session.GetProperty("threadId").GetString()!, session.GetProperty("userId").GetString()!, session.GetProperty("sessionKey").GetString()!);
        await rig.VisitorWritesAsync(visitor, "Hi, any news on my refund?");

        // Intake knows the visitor by their chat identity alone: a customer and a conversation of their own.
        var mallory = await rig.CustomerAsync($"chat:{visitor.UserId}");
        Assert.DoesNotContain(ChatClaimRig.IdOf(mallory), new[] { alice, bob });
        Assert.Equal([$"chat:{visitor.UserId}"], ChatClaimRig.IdentitiesOf(mallory));
        var malloryConversation = Assert.Single(ChatClaimRig.ConversationsOf(mallory));
        Assert.NotEqual(aliceConversation, malloryConversation);
        Assert.Equal(["Where is my refund?"], (await rig.ConversationAsync(aliceConversation)).GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("text").GetString()));
        Assert.Equal(["phone:+447700900111", "whatsapp:+447700900111"], ChatClaimRig.IdentitiesOf(await rig.CustomerAsync("phone:+447700900111")).Order());
        Assert.Equal(["email:bob@example.com"], ChatClaimRig.IdentitiesOf(await rig.CustomerAsync("email:bob@example.com")));

        // The agent's read of the visitor's conversation shows what was typed, as claimed.
        Assert.Equal(["phone:+447700900111:claimed", "email:bob@example.com:claimed"], await ClaimsAsync(rig, malloryConversation));

        // A code per channel (WhatsApp template, ACS Email); the answers name the kind only.
        var asked = await rig.AskCodeAsync(visitor, "phone");
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.DoesNotContain("900111", await asked.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var verified = await rig.VerifyAsync(visitor, "phone", rig.LatestCodeTo("447700900111"));
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        var verifiedBody = await verified.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(alice.ToString(), verifiedBody, StringComparison.OrdinalIgnoreCase);

        // Now the number is the visitor's: intake linked it, and the older customer (Alice's) survives the merge.
        var linked = await rig.CustomerAsync($"chat:{visitor.UserId}");
        Assert.Equal(alice, ChatClaimRig.IdOf(linked));
        Assert.Contains("phone:+447700900111", ChatClaimRig.IdentitiesOf(linked));
        Assert.DoesNotContain("email:bob@example.com", ChatClaimRig.IdentitiesOf(linked));

        Assert.Equal(HttpStatusCode.Accepted, (await rig.AskCodeAsync(visitor, "email")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rig.VerifyAsync(visitor, "email", rig.LatestCodeTo("bob@example.com"))).StatusCode);
        Assert.Equal(alice, ChatClaimRig.IdOf(await rig.CustomerAsync("email:bob@example.com")));
        Assert.Equal(["phone:+447700900111:verified", "email:bob@example.com:verified"], await ClaimsAsync(rig, malloryConversation));
    }

    [Fact]
    public async Task Wrong_codes_are_refused_naming_the_field_and_after_the_last_attempt_even_the_right_code_is_refused()
    {
        await using var rig = await ChatClaimRig.StartAsync("sqlite", new Dictionary<string, string?> { ["Chat__Verification__MaxAttempts"] = "2" });
        await rig.CustomerWritesAsync("whatsapp", "whatsapp", "+447700900222", "Hello");
        var visitor = await rig.VisitorAsync(phone: "+447700900222");
        var other = await rig.VisitorAsync(phone: "+447700900999");

        // Only the session's own visitor asks: no key, or another session's key, is the same 401.
        Assert.Equal(HttpStatusCode.Unauthorized, (await rig.AskCodeAsync(visitor, "phone", key: "")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await rig.AskCodeAsync(visitor, "phone", key: other.SessionKey)).StatusCode);
        await AssertProblemAsync(await rig.AskCodeAsync(visitor, "fax"), HttpStatusCode.BadRequest, "kind");
        await AssertProblemAsync(await rig.AskCodeAsync(visitor, "email"), HttpStatusCode.BadRequest, "kind"); // none was typed
        await AssertProblemAsync(await rig.VerifyAsync(visitor, "phone", "123456"), HttpStatusCode.BadRequest, "code"); // none was sent
        Assert.Equal(0, rig.CodesSentTo("447700900222"));

        Assert.Equal(HttpStatusCode.Accepted, (await rig.AskCodeAsync(visitor, "phone")).StatusCode);
        var code = rig.LatestCodeTo("447700900222");
        var wrong = code == "000000" ? "111111" : "000000";
        await AssertProblemAsync(await rig.VerifyAsync(visitor, "phone", "12ab56"), HttpStatusCode.BadRequest, "code");
        var first = await AssertProblemAsync(await rig.VerifyAsync(visitor, "phone", wrong), HttpStatusCode.BadRequest, "code");
        Assert.Equal(1, first.GetProperty("attemptsLeft").GetInt32());
        await AssertProblemAsync(await rig.VerifyAsync(visitor, "phone", wrong), HttpStatusCode.BadRequest, "code");
        await AssertProblemAsync(await rig.VerifyAsync(visitor, "phone", code), HttpStatusCode.TooManyRequests, "code");
        Assert.Equal(["chat:" + visitor.UserId], ChatClaimRig.IdentitiesOf(await rig.CustomerAsync($"chat:{visitor.UserId}")));

        // A new code starts over.
        Assert.Equal(HttpStatusCode.Accepted, (await rig.AskCodeAsync(visitor, "phone")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rig.VerifyAsync(visitor, "phone", rig.LatestCodeTo("447700900222"))).StatusCode);
        Assert.Contains("phone:+447700900222", ChatClaimRig.IdentitiesOf(await rig.CustomerAsync($"chat:{visitor.UserId}")));
    }

    [Fact]
    public async Task An_expired_code_is_refused_and_links_nothing()
    {
        await using var rig = await ChatClaimRig.StartAsync("sqlite", new Dictionary<string, string?> { ["Chat__Verification__CodeLifetime"] = "00:00:00.001" });
        var visitor = await rig.VisitorAsync(email: "kim@example.com");

        Assert.Equal(HttpStatusCode.Accepted, (await rig.AskCodeAsync(visitor, "email")).StatusCode);
        var refused = await AssertProblemAsync(await rig.VerifyAsync(visitor, "email", rig.LatestCodeTo("kim@example.com")), HttpStatusCode.BadRequest, "code");

        Assert.Equal("Code expired", refused.GetProperty("title").GetString());
        Assert.Null(await rig.CustomerAsync("email:kim@example.com"));
    }

    [Fact]
    public async Task Codes_to_one_address_are_limited_per_hour_whoever_asks()
    {
        await using var rig = await ChatClaimRig.StartAsync("sqlite", new Dictionary<string, string?> { ["Chat__Verification__MaxCodesPerIdentityPerHour"] = "2" });
        var first = await rig.VisitorAsync(email: "victim@example.com");
        var second = await rig.VisitorAsync(email: "victim@example.com");

        Assert.Equal(HttpStatusCode.Accepted, (await rig.AskCodeAsync(first, "email")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await rig.AskCodeAsync(second, "email")).StatusCode);
        var refused = await rig.AskCodeAsync(first, "email");

        await AssertProblemAsync(refused, HttpStatusCode.TooManyRequests, "kind");
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(2, rig.CodesSentTo("victim@example.com"));
    }

    [Fact]
    public async Task The_agent_holding_the_conversation_confirms_a_claim_which_links_it_and_another_agent_may_not()
    {
        await using var rig = await ChatClaimRig.StartAsync("sqlite");
        var (alice, _) = await rig.CustomerWritesAsync("whatsapp", "whatsapp", "+447700900333", "Hello");
        var visitor = await rig.VisitorAsync(phone: "+447700900333");
        await rig.VisitorWritesAsync(visitor, "It's Alice, on the web now");
        var conversation = Assert.Single(ChatClaimRig.ConversationsOf(await rig.CustomerAsync($"chat:{visitor.UserId}")));
        var claim = (await rig.ConversationAsync(conversation)).GetProperty("claims")[0].GetProperty("id").GetGuid();

        var ann = await rig.Worker.TakeConversationAsync("ann", conversation, "chat");
        (await rig.Worker.Http.PutAsJsonAsync("/api/agents/bea", new { name = "Bea" }, Ct)).EnsureSuccessStatusCode();
        var bea = await rig.Worker.AgentAsync("bea");
        Assert.Equal(HttpStatusCode.Forbidden, (await bea.PostAsync($"/api/conversations/{conversation}/claims/{claim}/confirm", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ann.PostAsync($"/api/conversations/{conversation}/claims/{Guid.NewGuid()}/confirm", null, Ct)).StatusCode);
        Assert.Equal([$"chat:{visitor.UserId}"], ChatClaimRig.IdentitiesOf(await rig.CustomerAsync($"chat:{visitor.UserId}")));

        var confirmed = await ann.PostAsync($"/api/conversations/{conversation}/claims/{claim}/confirm", null, Ct);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var answer = await confirmed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("verified", "agent:ann"), (answer.GetProperty("state").GetString(), answer.GetProperty("verifiedBy").GetString()));
        Assert.Equal(alice, ChatClaimRig.IdOf(await rig.CustomerAsync($"chat:{visitor.UserId}")));
    }

    private static async Task<IReadOnlyList<string>> ClaimsAsync(ChatClaimRig rig, Guid conversation) =>
        (await rig.ConversationAsync(conversation)).GetProperty("claims").EnumerateArray()
            .Select(c => $"{c.GetProperty("kind").GetString()}:{c.GetProperty("value").GetString()}:{c.GetProperty("state").GetString()}").ToList();

    /// <summary>A problem+json answer with <paramref name="status"/> that names <paramref name="field"/> (in <c>errors</c> or as <c>field</c>).</summary>
    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var named = (problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _))
            || (problem.TryGetProperty("field", out var f) && f.GetString() == field);
        Assert.True(named, $"The problem does not name {field}: {problem}");
        return problem;
    }
}
