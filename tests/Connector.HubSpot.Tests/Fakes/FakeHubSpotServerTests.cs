using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Connector.Fakes.Crm.HubSpot;
using Microsoft.Extensions.Time.Testing;

namespace Connector.HubSpot.Tests.Fakes;

/// <summary>The fake refuses what HubSpot refuses, in HubSpot's words, and keeps HubSpot's limits and index lag.</summary>
public sealed class FakeHubSpotServerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_record_created_through_the_API_is_invisible_to_search_until_the_index_catches_up()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var fake = await FakeHubSpotServer.StartAsync(new FakeHubSpotOptions { Clock = clock, SearchIndexLag = TimeSpan.FromSeconds(10) }, Ct);
        using var http = Client(fake);
        var created = await http.PostAsJsonAsync("crm/v3/objects/contacts", new { properties = new { email = "new@example.com", lastname = "New" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var search = new { filterGroups = new[] { new { filters = new[] { new { propertyName = "email", @operator = "EQ", value = "new@example.com" } } } }, properties = new[] { "email" }, limit = 10 };
        var before = await (await http.PostAsJsonAsync("crm/v3/objects/contacts/search", search, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        clock.Advance(TimeSpan.FromSeconds(10));
        var after = await (await http.PostAsJsonAsync("crm/v3/objects/contacts/search", search, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(0, before.GetProperty("total").GetInt32());
        Assert.Equal(1, after.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Unknown_properties_and_options_are_refused_with_HubSpots_validation_error()
    {
        await using var fake = await FakeHubSpotServer.StartAsync(cancellationToken: Ct);
        using var http = Client(fake);

        var response = await http.PostAsJsonAsync("crm/v3/objects/calls", new { properties = new { hs_timestamp = "2026-11-30T09:30:00Z", hs_call_direction = "IN", hs_call_minutes = "3" } }, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("error", body.GetProperty("status").GetString());
        Assert.Equal("VALIDATION_ERROR", body.GetProperty("category").GetString());
        Assert.True(Guid.TryParse(body.GetProperty("correlationId").GetString(), out _));
        var message = body.GetProperty("message").GetString()!;
        Assert.StartsWith("Property values were not valid: [", message, StringComparison.Ordinal);
        Assert.Contains("INVALID_OPTION", message, StringComparison.Ordinal);
        Assert.Contains("PROPERTY_DOESNT_EXIST", message, StringComparison.Ordinal);
        Assert.Empty(fake.Records("calls"));
    }

    [Fact]
    public async Task A_WhatsApp_communication_must_say_it_was_logged_from_the_CRM()
    {
        await using var fake = await FakeHubSpotServer.StartAsync(cancellationToken: Ct);
        using var http = Client(fake);

        var response = await http.PostAsJsonAsync("crm/v3/objects/communications", new { properties = new { hs_timestamp = "1764495000000", hs_communication_channel_type = "WHATS_APP", hs_communication_body = "hi" } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("hs_communication_logged_from", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_beyond_five_groups_or_an_unknown_operator_is_refused()
    {
        await using var fake = await FakeHubSpotServer.StartAsync(cancellationToken: Ct);
        using var http = Client(fake);
        var group = new { filters = new[] { new { propertyName = "phone", @operator = "EQ", value = "1" } } };

        var six = await http.PostAsJsonAsync("crm/v3/objects/contacts/search", new { filterGroups = Enumerable.Repeat(group, 6), limit = 10 }, Ct);
        var like = await http.PostAsJsonAsync("crm/v3/objects/contacts/search", new { filterGroups = new[] { new { filters = new[] { new { propertyName = "phone", @operator = "LIKE", value = "1" } } } } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, six.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, like.StatusCode);
    }

    [Fact]
    public async Task The_rolling_window_answers_429_TEN_SECONDLY_ROLLING_with_the_rate_headers_until_it_moves_on()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var fake = await FakeHubSpotServer.StartAsync(new FakeHubSpotOptions { Clock = clock, RequestsPerInterval = 3 }, Ct);
        using var http = Client(fake);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await http.GetAsync("crm/v3/owners", Ct));
        }

        clock.Advance(TimeSpan.FromSeconds(10));
        var later = await http.GetAsync("crm/v3/owners", Ct);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers.Select(a => a.StatusCode));
        Assert.Equal("0", answers[2].Headers.GetValues("X-HubSpot-RateLimit-Remaining").Single());
        Assert.Equal("3", answers[2].Headers.GetValues("X-HubSpot-RateLimit-Max").Single());
        Assert.Equal("10000", answers[2].Headers.GetValues("X-HubSpot-RateLimit-Interval-Milliseconds").Single());
        var refused = await answers[3].Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("TEN_SECONDLY_ROLLING", refused.GetProperty("policyName").GetString());
        Assert.Equal("RATE_LIMIT", refused.GetProperty("errorType").GetString());
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal(1, fake.RateLimitRefusals);
    }

    [Fact]
    public async Task Creating_a_contact_whose_email_exists_answers_409_naming_the_existing_id()
    {
        await using var fake = await FakeHubSpotServer.StartAsync(cancellationToken: Ct);
        var existing = fake.Seed("contacts", new Dictionary<string, string?> { ["email"] = "ada@example.com" });
        using var http = Client(fake);

        var response = await http.PostAsJsonAsync("crm/v3/objects/contacts", new { properties = new { email = "ada@example.com" } }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains($"Contact already exists. Existing ID: {existing}", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_without_a_token_or_with_an_expired_one_answers_401()
    {
        await using var fake = await FakeHubSpotServer.StartAsync(cancellationToken: Ct);
        using var anonymous = new HttpClient { BaseAddress = fake.BaseUrl };
        using var http = Client(fake);
        fake.ExpireSessions();

        var none = await anonymous.GetAsync("crm/v3/owners", Ct);
        var expired = await http.GetAsync("crm/v3/owners", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Contains("INVALID_AUTHENTICATION", await none.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("EXPIRED_AUTHENTICATION", await expired.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_needs_its_access_and_one_folder_and_a_duplicate_upload_returns_the_existing_file()
    {
        await using var fake = await FakeHubSpotServer.StartAsync(cancellationToken: Ct);
        using var http = Client(fake);
        const string ReturnExisting = """{"access":"PRIVATE","duplicateValidationStrategy":"RETURN_EXISTING","duplicateValidationScope":"EXACT_FOLDER"}""";

        var noAccess = await http.PostAsync("files/v3/files", Upload("hello", "/cc", """{"ttl":"P30D"}"""), Ct);
        var first = await (await http.PostAsync("files/v3/files", Upload("hello", "/cc", ReturnExisting), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var again = await (await http.PostAsync("files/v3/files", Upload("hello", "/cc", ReturnExisting), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var other = await (await http.PostAsync("files/v3/files", Upload("other bytes", "/cc", ReturnExisting), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, noAccess.StatusCode);
        Assert.Equal(first.GetProperty("id").GetString(), again.GetProperty("id").GetString());
        Assert.NotEqual(first.GetProperty("id").GetString(), other.GetProperty("id").GetString());
        Assert.Equal(2, fake.Files.Count);
    }

    [Fact]
    public async Task A_signed_link_serves_a_private_file_until_it_expires()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var fake = await FakeHubSpotServer.StartAsync(new FakeHubSpotOptions { Clock = clock }, Ct);
        using var http = Client(fake);
        var file = await (await http.PostAsync("files/v3/files", Upload("audio", "/cc", """{"access":"PRIVATE"}"""), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        var signed = await http.GetFromJsonAsync<JsonElement>($"files/v3/files/{file.GetProperty("id").GetString()}/signed-url?expirationSeconds=60", Ct);
        var url = signed.GetProperty("url").GetString()!;
        using var player = new HttpClient();
        var served = await player.GetByteArrayAsync(url, Ct);
        clock.Advance(TimeSpan.FromSeconds(61));
        var expired = await player.GetAsync(url, Ct);

        Assert.Equal("audio", Encoding.UTF8.GetString(served));
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
    }

    private static HttpClient Client(FakeHubSpotServer fake)
    {
        var http = new HttpClient { BaseAddress = fake.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fake.IssueAccessToken());
        return http;
    }

    private static MultipartFormDataContent Upload(string text, string folderPath, string options) => new()
    {
        { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", "transcript.txt" },
        { new StringContent("transcript.txt"), "fileName" },
        { new StringContent(folderPath), "folderPath" },
        { new StringContent(options), "options" },
    };
}
