using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Connector.Core.Outbox;
using Connector.Fakes.Crm.Salesforce;
using Connector.Worker.Tests.Crm;
using Connector.Worker.Tests.Fakes.Acs;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Payloads;
using Connector.Worker.Tests.Routing;
using Microsoft.AspNetCore.SignalR.Client;

namespace Connector.Worker.Tests.Telemetry;

/// <summary>
/// Every series the operator's guide lists, on one Worker process (PostgreSQL, the fake ACS and a fake Salesforce):
/// the events that move each are driven over real HTTP, then <c>/metrics</c> is scraped and each series found with
/// values the events explain.
/// </summary>
public sealed class MetricsSeriesTests
{
    private const string WebhookKey = "wh-series-key";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Webhooks_queues_offers_SLA_CRM_sync_limits_dead_letters_and_SignalR_connections_each_show_on_metrics()
    {
        await using var setup = await WorkerWithFakeSalesforce.StartAsync(new Dictionary<string, string?>
        {
            ["Acs:WebhookKey"] = WebhookKey,
            ["Telemetry:QueueSampleInterval"] = "00:00:00.300",
        });
        // The first CRM call is told to slow down: a limit signal, then the sync goes through.
        setup.Salesforce.ThrottleNext(1);

        // A WhatsApp message delivered twice, and a delivery with a forged key; nobody is online, so it waits.
        var message = JsonNode.Parse(AcsEvents.AdvancedMessageReceived)!;
        message["id"] = Guid.NewGuid().ToString();
        message["data"]!["messageId"] = Guid.NewGuid().ToString();
        var body = "[" + message.ToJsonString() + "]";
        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(setup, body, WebhookKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(setup, body, WebhookKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await DeliverAsync(setup, body, "forged")).StatusCode);
        await Eventually.TrueAsync(async () => Value(await ScrapeAsync(setup), "connector_queue_waiting", "channel=\"whatsapp\"") >= 1
            && Value(await ScrapeAsync(setup), "connector_queue_oldest_wait_seconds", "channel=\"whatsapp\"") > 0, Timeout, setup.Describe);

        // An agent connects to the hub and goes online: the waiting task is offered to them and they accept it.
        await setup.Worker.AgentOnlineAsync("ann");
        var agent = await setup.Worker.AgentAsync("ann");
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(setup.Worker.BaseAddress, "/hubs/agent"), o =>
            o.Headers["X-Api-Key"] = agent.DefaultRequestHeaders.GetValues("X-Api-Key").Single()).Build();
        await hub.StartAsync(Ct);
        await setup.Worker.AgentOnlineAsync("ann", "whatsapp");
        var task = (await setup.Worker.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/tasks", Ct)).EnumerateArray().Single().GetProperty("id").GetGuid();
        Assert.Equal("ann", await setup.Worker.WaitForOfferAsync(task));
        (await agent.PostAsJsonAsync($"/api/offers/{task}/accept", new { agentId = "ann" }, Ct)).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(async () => (await setup.Outbox.ListAsync(OutboxState.Done, Ct)).Any(r => r.Kind == OutboxKind.ContactSync), Timeout, setup.Describe);

        // Another customer's contact is refused by Salesforce for good: dead-lettered at once.
        setup.Salesforce.FailNext(1, FakeSalesforceResponse.Error(400, "INVALID_FIELD", "No such column 'Phone' on sobject of type Contact", "Phone"), "/sobjects/Contact");
        await setup.Worker.WhatsAppArrivesAsync("+447700900777");
        await Eventually.TrueAsync(async () => (await setup.Outbox.ListAsync(OutboxState.Dead, Ct)).Any(r => r.Kind == OutboxKind.ContactSync), Timeout, setup.Describe);

        var scraped = "";
        await Eventually.TrueAsync(async () =>
        {
            scraped = await ScrapeAsync(setup);
            return Has(scraped, "connector_sla_attainment_ratio", "channel=\"whatsapp\"")
                && Value(scraped, "connector_queue_waiting", "channel=\"whatsapp\"") == 1;
        }, Timeout, () => Lines(scraped));
        Assert.Equal(1, Value(scraped, "connector_webhook_events_total", "outcome=\"accepted\""));
        Assert.Equal(1, Value(scraped, "connector_webhook_events_total", "outcome=\"duplicate\""));
        Assert.Equal(1, Value(scraped, "connector_webhook_events_total", "outcome=\"refused\""));
        Assert.True(Value(scraped, "connector_routing_offers_total", "outcome=\"made\"") >= 1, Lines(scraped));
        Assert.Equal(1, Value(scraped, "connector_routing_offers_total", "outcome=\"accepted\""));
        // The accepted one was answered (assigned) well within the WhatsApp target; the other is not answered yet.
        Assert.Equal(1, Value(scraped, "connector_sla_attainment_ratio", "channel=\"whatsapp\""));
        var synced = Value(scraped, "connector_crm_sync_duration_seconds_count", "kind=\"contact.sync\"");
        Assert.True(synced >= 1, Lines(scraped));
        // From the row's writing to the write: more than nothing (it waited out a limit), less than the test.
        Assert.InRange(Value(scraped, "connector_crm_sync_duration_seconds_sum", "kind=\"contact.sync\"") / synced, 0.001, Timeout.TotalSeconds);
        Assert.True(Value(scraped, "connector_crm_limit_signals_total", "crm=\"salesforce\"") >= 1, Lines(scraped));
        Assert.Equal(1, Value(scraped, "connector_outbox_dead_letters_total", "kind=\"contact.sync\""));
        Assert.True(Has(scraped, "signalr_server_active_connections") && Value(scraped, "signalr_server_active_connections") >= 1, Lines(scraped));
    }

    private static double Value(string exposition, string name, params string[] labels) => PrometheusText.Sum(exposition, name, labels);

    private static bool Has(string exposition, string name, params string[] labels) =>
        exposition.Split('\n').Any(line => (line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            && labels.All(label => line.Contains(label, StringComparison.Ordinal)));

    private static string Lines(string exposition) =>
        string.Join('\n', exposition.Split('\n').Where(l => l.StartsWith("connector_", StringComparison.Ordinal) || l.StartsWith("signalr_", StringComparison.Ordinal)));

    private static async Task<string> ScrapeAsync(WorkerWithFakeSalesforce setup) => await setup.Worker.Http.GetStringAsync("/metrics", Ct);

    private static Task<HttpResponseMessage> DeliverAsync(WorkerWithFakeSalesforce setup, string body, string key) =>
        FakeAcsServer.PostEventGridEventsAsync(new Uri(setup.Worker.BaseAddress, $"/webhooks/acs/events?key={key}"), body, Ct);
}
