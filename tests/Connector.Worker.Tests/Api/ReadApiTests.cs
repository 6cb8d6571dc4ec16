using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Api;

/// <summary>The read API (README, "Run it"; /openapi/v1.json) over real HTTP: the JSON shapes tools and tests rely on.</summary>
public sealed class ReadApiTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private HttpClient Http => shared.Worker.Http;

    [Fact]
    public async Task A_customer_is_found_by_any_spelling_of_their_number_with_identities_and_conversations()
    {
        var phone = "+4477009" + Random.Shared.Next(10000, 99999);
        var accepted = await PostEventAsync(new
        {
            eventId = Guid.NewGuid().ToString(),
            channel = "whatsapp",
            type = "message",
            occurredAt = "2026-11-23T09:00:00Z",
            identities = new[] { new { kind = "whatsapp", value = phone } },
            text = "My parcel is late",
        });

        foreach (var query in new[] { $"phone:{phone}", $"phone:{Uri.EscapeDataString(phone)}", $"phone:0{phone[3..]}", $"whatsapp:{phone[1..]}" })
        {
            var response = await Http.GetAsync($"/api/customers?identity={query}", Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query} → {response.StatusCode}");
            var customer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal(accepted.GetProperty("customerId").GetString(), customer.GetProperty("id").GetString());
            Assert.Contains(customer.GetProperty("identities").EnumerateArray(), i => i.GetProperty("kind").GetString() == "phone" && i.GetProperty("value").GetString() == phone);
            Assert.Equal(accepted.GetProperty("conversationId").GetString(), customer.GetProperty("conversationIds")[0].GetString());
        }
    }

    [Fact]
    public async Task A_conversation_reads_with_segments_and_timeline_in_the_documented_shape()
    {
        var phone = "+4477009" + Random.Shared.Next(10000, 99999);
        var first = await PostEventAsync(new
        {
            eventId = Guid.NewGuid().ToString(),
            channel = "whatsapp",
            type = "message",
            occurredAt = "2026-11-23T09:00:00Z",
            identities = new[] { new { kind = "whatsapp", value = phone } },
            text = "Hello",
        });
        await PostEventAsync(new
        {
            eventId = Guid.NewGuid().ToString(),
            channel = "voice",
            type = "call_started",
            occurredAt = "2026-11-23T09:10:00Z",
            identities = new[] { new { kind = "phone", value = phone } },
            externalRef = "call-" + phone,
        });

        var conversation = await Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{first.GetProperty("conversationId").GetString()}", Ct);

        Assert.Equal(first.GetProperty("customerId").GetString(), conversation.GetProperty("customerId").GetString());
        Assert.Equal("open", conversation.GetProperty("state").GetString());
        Assert.Equal(["whatsapp", "voice"], conversation.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("channel").GetString()));
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T09:10:00Z"), conversation.GetProperty("segments")[0].GetProperty("endedAt").GetDateTimeOffset());
        var timeline = conversation.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(["message", "call_started"], timeline.Select(t => t.GetProperty("type").GetString()));
        Assert.Equal(["in", "in"], timeline.Select(t => t.GetProperty("direction").GetString()));
        Assert.Equal("Hello", timeline[0].GetProperty("text").GetString());
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T09:00:00Z"), timeline[0].GetProperty("at").GetDateTimeOffset());

        var queued = await Http.GetFromJsonAsync<JsonElement>("/api/tasks?state=queued", Ct);
        Assert.Contains(queued.EnumerateArray(), t => t.GetProperty("channel").GetString() == "voice" && t.GetProperty("conversationId").GetString() == first.GetProperty("conversationId").GetString());
    }

    [Theory]
    [InlineData("/api/customers?identity=fax:123", "fax")]
    [InlineData("/api/customers?identity=phone:banana", "banana")]
    [InlineData("/api/customers", "identity")]
    [InlineData("/api/tasks?state=sleeping", "sleeping")]
    public async Task Bad_queries_get_a_400_problem_that_says_what_is_wrong(string url, string named)
    {
        var response = await Http.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_conversation_is_a_404_problem()
    {
        var response = await Http.GetAsync($"/api/conversations/{Guid.NewGuid()}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("""{"channel":"whatsapp","identities":[{"kind":"phone","value":"+447700900123"}]}""", "eventId")]
    [InlineData("""{"eventId":"x1","channel":"fax","identities":[{"kind":"phone","value":"+447700900123"}]}""", "channel")]
    [InlineData("""{"eventId":"x2","channel":"voice","type":"call_started"}""", "identity")]
    [InlineData("""{"eventId":"x3","channel":"voice","type":"hangup","identities":[{"kind":"phone","value":"+447700900123"}]}""", "type")]
    [InlineData("""{"eventId":"x4","channel":"voice","identities":[{"kind":"phone","value":"12"}]}""", "12")]
    [InlineData("""{"eventId":""", "")]
    public async Task A_malformed_inbound_event_gets_a_400_problem_and_changes_nothing(string body, string named)
    {
        var before = (await Http.GetFromJsonAsync<JsonElement>("/api/outbox", Ct)).GetArrayLength();

        var response = await Http.PostAsync("/api/inbound-events", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(before, (await Http.GetFromJsonAsync<JsonElement>("/api/outbox", Ct)).GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/health/ready", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_read_api()
    {
        var document = await Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/customers", out _));
        Assert.True(paths.TryGetProperty("/api/conversations/{id}", out _));
    }

    private async Task<JsonElement> PostEventAsync(object body)
    {
        var response = await Http.PostAsJsonAsync("/api/inbound-events", body, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }
}
