using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Connector.Fakes.Crm.Zendesk;

namespace Connector.Zendesk.Tests.Fakes;

/// <summary>The fake refuses what Zendesk refuses, in Zendesk's words, and counts what Zendesk counts.</summary>
public sealed class FakeZendeskServerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_credentials_or_with_a_password_it_answers_401_Couldnt_authenticate_you()
    {
        await using var fake = await FakeZendeskServer.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = fake.BaseUrl };
        using var password = new HttpRequestMessage(HttpMethod.Get, "api/v2/tickets.json");
        password.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{fake.Options.AdminEmail}:{fake.Options.ApiToken}")));

        var anonymous = await http.GetAsync(new Uri("api/v2/tickets.json", UriKind.Relative), Ct);
        var withPassword = await http.SendAsync(password, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withPassword.StatusCode);
        Assert.Equal("Couldn't authenticate you", (await anonymous.Content.ReadFromJsonAsync<JsonObject>(Ct))!["error"]!.ToString());
    }

    [Fact]
    public async Task Over_the_limit_it_answers_a_plain_text_429_with_Retry_After_and_the_rate_limit_headers()
    {
        await using var fake = await FakeZendeskServer.StartAsync(new FakeZendeskOptions { RequestsPerMinute = 2 }, Ct);
        using var http = Client(fake);

        var first = await http.GetAsync(new Uri("api/v2/tickets.json", UriKind.Relative), Ct);
        await http.GetAsync(new Uri("api/v2/tickets.json", UriKind.Relative), Ct);
        var third = await http.GetAsync(new Uri("api/v2/tickets.json", UriKind.Relative), Ct);

        Assert.Equal("2", first.Headers.GetValues("X-Rate-Limit").Single());
        Assert.Equal("1", first.Headers.GetValues("X-Rate-Limit-Remaining").Single());
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("text/plain", third.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(third.Headers.RetryAfter?.Delta);
        Assert.Equal("0", third.Headers.GetValues("X-Rate-Limit-Remaining").Single());
    }

    [Fact]
    public async Task The_same_Idempotency_Key_returns_the_first_ticket_and_with_another_body_is_refused()
    {
        await using var fake = await FakeZendeskServer.StartAsync(cancellationToken: Ct);
        var requester = fake.SeedUser("Jane Roe", null, "jane@example.com");
        using var http = Client(fake);
        var body = new { ticket = new { requester_id = requester, subject = "Hi", comment = new { body = "Hello", @public = false } } };

        var first = await PostAsync(http, "k-1", body);
        var again = await PostAsync(http, "k-1", body);
        var other = await PostAsync(http, "k-1", new { ticket = new { requester_id = requester, subject = "Other", comment = new { body = "x" } } });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("miss", first.Headers.GetValues("x-idempotency-lookup").Single());
        Assert.Equal("hit", again.Headers.GetValues("x-idempotency-lookup").Single());
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Equal("IdempotentRequestError", (await other.Content.ReadFromJsonAsync<JsonObject>(Ct))!["error"]!.ToString());
        Assert.Single(fake.Tickets());
    }

    [Fact]
    public async Task A_ticket_without_a_comment_a_closed_ticket_and_a_full_ticket_are_refused_as_RecordInvalid()
    {
        await using var fake = await FakeZendeskServer.StartAsync(cancellationToken: Ct);
        var requester = fake.SeedUser("Jane Roe", null, "jane@example.com");
        var closed = fake.SeedTicket(requester, "c-1", "Old", status: "closed");
        var full = fake.SeedTicket(requester, "c-2", "Busy", commentCount: 5000);
        using var http = Client(fake);
        var comment = new { ticket = new { comment = new { body = "More", @public = false } } };

        var blank = await http.PostAsJsonAsync("api/v2/tickets.json", new { ticket = new { requester_id = requester, subject = "No description" } }, Ct);
        var toClosed = await http.PutAsJsonAsync($"api/v2/tickets/{closed}.json", comment, Ct);
        var toFull = await http.PutAsJsonAsync($"api/v2/tickets/{full}.json", comment, Ct);
        var tagOnly = await http.PutAsJsonAsync($"api/v2/tickets/{full}.json", new { ticket = new { additional_tags = new[] { "still_fine" } } }, Ct);

        Assert.Equal("Description: cannot be blank", await DetailAsync(blank, "description"));
        Assert.Equal("Status: closed prevents ticket update", await DetailAsync(toClosed, "status"));
        Assert.Contains("5000 comments", await DetailAsync(toFull, "base"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, tagOnly.StatusCode);
        Assert.Equal(5000, fake.Ticket(full)!.CommentCount);
    }

    [Fact]
    public async Task A_create_many_job_is_queued_then_completed_with_results_by_input_index()
    {
        await using var fake = await FakeZendeskServer.StartAsync(cancellationToken: Ct);
        var requester = fake.SeedUser("Jane Roe", null, "jane@example.com");
        using var http = Client(fake);

        var submitted = await (await http.PostAsJsonAsync("api/v2/tickets/create_many.json", new
        {
            tickets = new object[]
            {
                new { requester_id = requester, subject = "ok", comment = new { body = "a" } },
                new { requester_id = 999_999_999, subject = "no requester", comment = new { body = "b" } },
            },
        }, Ct)).Content.ReadFromJsonAsync<JsonObject>(Ct);
        var job = await http.GetFromJsonAsync<JsonObject>($"api/v2/job_statuses/{submitted!["job_status"]!["id"]}.json", Ct);

        Assert.Equal("queued", submitted["job_status"]!["status"]!.ToString());
        Assert.Equal("completed", job!["job_status"]!["status"]!.ToString());
        var results = job["job_status"]!["results"]!.AsArray();
        Assert.Equal(0, (int)results[0]!["index"]!);
        Assert.Equal("Failed", results[1]!["status"]!.ToString());
        Assert.Equal(1, (int)results[1]!["id"]!);
        Assert.Single(fake.Tickets());
    }

    [Fact]
    public async Task Phone_search_with_a_leading_star_matches_the_digits_of_every_stored_format_and_identity()
    {
        await using var fake = await FakeZendeskServer.StartAsync(cancellationToken: Ct);
        var a = fake.SeedUser("A", "(513) 555-7611", null);
        var b = fake.SeedUser("B", "+1 513.555.7611", null);
        var c = fake.SeedUser("C", "+44 20 7946 0000", null);
        fake.AddIdentity(c, "phone_number", "513-555-7611");
        fake.SeedUser("D", "(513) 555-7612", null);
        using var http = Client(fake);

        var found = await http.GetFromJsonAsync<JsonObject>($"api/v2/users/search.json?query={Uri.EscapeDataString("role:end-user phone:*5135557611")}", Ct);
        var exact = await http.GetFromJsonAsync<JsonObject>($"api/v2/users/search.json?query={Uri.EscapeDataString("phone:15135557611")}", Ct);
        var invalid = await http.GetAsync(new Uri($"api/v2/users/search.json?query={Uri.EscapeDataString("organization_id:5")}", UriKind.Relative), Ct);

        Assert.Equal(new[] { a, b, c }, found!["users"]!.AsArray().Select(u => (long)u!["id"]!));
        Assert.Equal(new[] { b }, exact!["users"]!.AsArray().Select(u => (long)u!["id"]!)); // without the star, all the digits
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Fact]
    public async Task A_voice_comment_without_the_called_number_is_refused_as_RecordInvalid_and_with_it_is_kept()
    {
        await using var fake = await FakeZendeskServer.StartAsync(cancellationToken: Ct);
        var requester = fake.SeedUser("Caller", "+44 20 7946 0501", null);
        var ticket = fake.SeedTicket(requester, "c-voice", "Call");
        using var http = Client(fake);
        object Voice(string? to) => new
        {
            ticket = new { voice_comment = new { from = "+442079460501", to, started_at = "2026-12-07T20:00:00Z", call_duration = 42, answered_by_id = fake.AgentId } },
        };

        var withoutTo = await http.PutAsJsonAsync($"api/v2/tickets/{ticket}.json", Voice(null), Ct);
        var withTo = await http.PutAsJsonAsync($"api/v2/tickets/{ticket}.json", Voice("+442071230000"), Ct);

        Assert.Equal("Voice comment: to is required", await DetailAsync(withoutTo, "voice_comment"));
        Assert.Equal(HttpStatusCode.OK, withTo.StatusCode);
        var voice = Assert.Single(fake.Ticket(ticket)!.Comments, c => c.Type == "VoiceComment");
        Assert.Equal("+442071230000", voice.VoiceData!["to"]!.ToString());
    }

    [Fact]
    public async Task The_agent_display_shows_a_ticket_to_an_agent_and_answers_404_for_an_unknown_agent_or_ticket_or_without_talk_partner_edition()
    {
        await using var fake = await FakeZendeskServer.StartAsync(new FakeZendeskOptions { TalkPartnerEdition = true }, Ct);
        await using var plain = await FakeZendeskServer.StartAsync(cancellationToken: Ct);
        var requester = fake.SeedUser("Caller", null, "caller@example.com");
        var ticket = fake.SeedTicket(requester, "c-pop", "Call");
        plain.SeedTicket(plain.SeedUser("Caller", null, "caller@example.com"), "c-pop", "Call");
        using var http = Client(fake);
        using var plainHttp = Client(plain);
        Task<HttpResponseMessage> DisplayAsync(HttpClient client, long agent, long id) =>
            client.PostAsync(new Uri($"api/v2/channels/voice/agents/{agent}/tickets/{id}/display.json", UriKind.Relative), null, Ct);

        var shown = await DisplayAsync(http, fake.AgentId, ticket);
        var toAnEndUser = await DisplayAsync(http, requester, ticket);
        var unknownTicket = await DisplayAsync(http, fake.AgentId, ticket + 1000);
        var withoutTpe = await DisplayAsync(plainHttp, plain.AgentId, plain.Tickets()[0].Id);

        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, toAnEndUser.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownTicket.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withoutTpe.StatusCode);
        Assert.Equal(new FakeZendeskDisplay(fake.AgentId, "ticket", ticket), Assert.Single(fake.Displays));
        Assert.Empty(plain.Displays);
    }

    private static HttpClient Client(FakeZendeskServer fake)
    {
        var http = new HttpClient { BaseAddress = fake.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{fake.Options.AdminEmail}/token:{fake.Options.ApiToken}")));
        return http;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v2/tickets.json") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await http.SendAsync(request, Ct);
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Equal("RecordInvalid", body!["error"]!.ToString());
        return body["details"]?[field]?[0]?["description"]?.ToString();
    }
}
