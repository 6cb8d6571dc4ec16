using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Connector.Worker.Tests.Fakes.Acs;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Payloads;

namespace Connector.Worker.Tests.Telemetry;

/// <summary>
/// <c>/metrics</c> of a Worker process: ACS deliveries over real HTTP move the webhook counter by outcome, and the
/// endpoint opens to an admin and to Prometheus' scrape key (sent as a bearer token), to no one else.
/// </summary>
public sealed class MetricsEndpointTests(MetricsEndpointTests.MetricsWorker shared) : IClassFixture<MetricsEndpointTests.MetricsWorker>
{
    private const string WebhookKey = "wh-metrics-key";
    private const string Counter = "connector_webhook_events_total";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class MetricsWorker : IAsyncLifetime
    {
        public string ScrapeKey { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        public WorkerProcess Worker { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Worker = WorkerProcess.Start(new Dictionary<string, string?>
            {
                ["Acs__WebhookKey"] = WebhookKey,
                ["Identity__DefaultRegion"] = "GB",
                ["Telemetry__ScrapeKey"] = ScrapeKey,
            });
            await Worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        }

        public ValueTask DisposeAsync() => Worker.DisposeAsync();
    }

    [Fact]
    public async Task A_webhook_raises_the_counter_of_its_outcome_on_metrics()
    {
        var before = await ScrapeAsync();
        var message = JsonNode.Parse(AcsEvents.AdvancedMessageReceived)!;
        message["id"] = Guid.NewGuid().ToString();
        message["data"]!["from"] = "447700900" + Random.Shared.Next(100, 999);
        message["data"]!["messageId"] = Guid.NewGuid().ToString();
        var body = "[" + message.ToJsonString() + "]";

        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(body, WebhookKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(body, WebhookKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await DeliverAsync(body, "forged")).StatusCode);

        string after = "";
        await Eventually.TrueAsync(async () =>
        {
            after = await ScrapeAsync();
            return Moved(before, after, "accepted") == 1 && Moved(before, after, "duplicate") == 1 && Moved(before, after, "refused") == 1;
        }, Timeout, () => $"before:\n{Lines(before)}\nafter:\n{Lines(after)}");
    }

    [Fact]
    public async Task The_scrape_key_opens_metrics_as_a_bearer_token_and_nothing_else()
    {
        using var prometheus = new HttpClient { BaseAddress = shared.Worker.BaseAddress };
        prometheus.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", shared.ScrapeKey);
        using var wrong = new HttpClient { BaseAddress = shared.Worker.BaseAddress };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", shared.ScrapeKey[..^1] + "0");
        using var anonymous = new HttpClient { BaseAddress = shared.Worker.BaseAddress };

        using var scraped = await prometheus.GetAsync("/metrics", Ct);
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.StartsWith("text/plain", scraped.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("# TYPE", await scraped.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/metrics", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await prometheus.GetAsync("/api/outbox", Ct)).StatusCode);
    }

    private static double Moved(string before, string after, string outcome) =>
        PrometheusText.Sum(after, Counter, $"outcome=\"{outcome}\"") - PrometheusText.Sum(before, Counter, $"outcome=\"{outcome}\"");

    private static string Lines(string exposition) => string.Join('\n', exposition.Split('\n').Where(l => l.StartsWith("connector_", StringComparison.Ordinal)));

    private async Task<string> ScrapeAsync()
    {
        using var response = await shared.Worker.Http.GetAsync("/metrics", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private async Task<HttpResponseMessage> DeliverAsync(string body, string key) =>
        await FakeAcsServer.PostEventGridEventsAsync(new Uri(shared.Worker.BaseAddress, $"/webhooks/acs/events?key={key}"), body, Ct);
}
