using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Limits;

/// <summary>
/// Request bodies are bounded: API JSON by <c>Limits:MaxRequestBodyBytes</c> (64 KiB), the Event Grid webhook by
/// <c>Acs:WebhookMaxBodyBytes</c> (1 MiB, Event Grid's batch limit); over the limit is 413 problem+json, whether
/// the size is announced (Content-Length) or found while reading (chunked).
/// </summary>
public sealed class BodySizeLimitTests(SharedLimitsWorker shared) : IClassFixture<SharedLimitsWorker>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_API_body_over_the_limit_is_refused_with_413_problem_json(bool announced)
    {
        var body = $"{{\"eventId\":\"big\",\"channel\":\"whatsapp\",\"identities\":[{{\"kind\":\"whatsapp\",\"value\":\"+447700900123\"}}],\"text\":\"{new string('x', 70 * 1024)}\"}}";

        var response = await shared.Worker.Http.PostAsync("/api/inbound-events", Content(body, announced), Ct);

        await AssertTooLargeAsync(response);
    }

    [Fact]
    public async Task A_webhook_delivery_may_be_larger_than_an_API_body_but_not_larger_than_Event_Grids_limit()
    {
        // 200 KB of events that mean nothing to the connector: over the API's limit, well within the webhook's.
        var ignored = string.Join(',', Enumerable.Range(0, 100).Select(i =>
            $"{{\"id\":\"{Guid.NewGuid()}\",\"eventType\":\"Contoso.Unrelated\",\"eventTime\":\"2026-10-14T08:42:17Z\",\"subject\":\"s\",\"dataVersion\":\"1.0\",\"data\":{{\"pad\":\"{new string('p', 2000)}\"}}}}"));
        var fits = await shared.Worker.Http.PostAsync($"/webhooks/acs/events?key={SharedLimitsWorker.Key}", Content($"[{ignored}]", announced: true), Ct);
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);

        // Announced: refused before it is read. (Sent chunked, the refusal comes after 1 MiB is read and the connection
        // closes on the rest still in flight, which the client may see as a reset; the API test covers that path.)
        var huge = $"[{{\"id\":\"x\",\"eventType\":\"Contoso.Unrelated\",\"data\":{{\"pad\":\"{new string('p', 1100 * 1024)}\"}}}}]";
        await AssertTooLargeAsync(await shared.Worker.Http.PostAsync($"/webhooks/acs/events?key={SharedLimitsWorker.Key}", Content(huge, announced: true), Ct));
    }

    private static HttpContent Content(string body, bool announced)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        // Without a length the client sends the body chunked, and the Worker finds the size while reading.
        HttpContent content = announced ? new ByteArrayContent(bytes) : new StreamContent(new UnknownLengthStream(bytes));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    private static async Task AssertTooLargeAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(413, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetInt32());
    }

    /// <summary>A stream that does not tell its length, so HttpClient sends it chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

/// <summary>One Worker with a webhook key, shared by the body-size tests.</summary>
public sealed class SharedLimitsWorker : IAsyncLifetime
{
    public const string Key = "limits-test-key";
    public WorkerProcess Worker { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Worker = WorkerProcess.Start(new Dictionary<string, string?> { ["Acs__WebhookKey"] = Key, ["Identity__DefaultRegion"] = "GB" });
        await Worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
    }

    public ValueTask DisposeAsync() => Worker.DisposeAsync();
}
