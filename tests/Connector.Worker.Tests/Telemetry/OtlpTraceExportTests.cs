using System.Net;
using System.Text.Json.Nodes;
using Connector.Core.Outbox;
using Connector.Worker.Tests.Crm;
using Connector.Worker.Tests.Fakes.Acs;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Payloads;
using Connector.Worker.Tests.Routing;

namespace Connector.Worker.Tests.Telemetry;

/// <summary>
/// With the standard <c>OTEL_EXPORTER_OTLP_*</c> settings a Worker process exports its traces over OTLP/HTTP: a webhook
/// delivery is one trace whose intake span is the child of the request's server span, and the work it starts (the
/// router's decision, the outbox dispatch, the CRM job and its HTTP calls) continues that trace from the rows it was
/// written in, on another Worker process too.
/// </summary>
public sealed class OtlpTraceExportTests
{
    private const string WebhookKey = "wh-otlp-key";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_webhook_delivery_reaches_the_OTLP_receiver_as_one_trace_with_intake_as_the_requests_child()
    {
        await using var receiver = await FakeOtlpReceiver.StartAsync(Ct);
        await using var worker = WorkerProcess.Start(new Dictionary<string, string?>
        {
            ["Acs__WebhookKey"] = WebhookKey,
            ["Identity__DefaultRegion"] = "GB",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });
        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        var message = JsonNode.Parse(AcsEvents.AdvancedMessageReceived)!;
        message["id"] = Guid.NewGuid().ToString();
        message["data"]!["messageId"] = Guid.NewGuid().ToString();

        var delivered = await FakeAcsServer.PostEventGridEventsAsync(new Uri(worker.BaseAddress, $"/webhooks/acs/events?key={WebhookKey}"), "[" + message.ToJsonString() + "]", Ct);

        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        ReceivedSpan? intake = null, request = null;
        await Eventually.TrueAsync(() =>
        {
            var spans = receiver.Spans.ToList();
            intake = spans.FirstOrDefault(s => s.Name == "intake");
            request = intake is null ? null : spans.FirstOrDefault(s => s.SpanId == intake.ParentSpanId);
            return Task.FromResult(request is not null);
        }, TimeSpan.FromSeconds(30), () => $"spans: {string.Join(", ", receiver.Spans.Select(s => $"{s.Name} {s.TraceId}/{s.SpanId}<-{s.ParentSpanId}"))}\n{worker.Output}");

        Assert.Equal(intake!.TraceId, request!.TraceId);
        Assert.Equal("", request.ParentSpanId);
        Assert.Contains("/webhooks/acs/events", request.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_trace_follows_a_WhatsApp_message_from_the_webhook_through_routing_and_a_restart_to_the_CRM_write()
    {
        await using var receiver = await FakeOtlpReceiver.StartAsync(Ct);
        await using var setup = await WorkerWithFakeSalesforce.StartAsync(new Dictionary<string, string?>
        {
            ["Acs:WebhookKey"] = WebhookKey,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            // The CRM work waits for the next Worker process: its trace can only come from the rows.
            ["Outbox:DispatchEnabled"] = "false",
        });
        await setup.Worker.AgentOnlineAsync("ann", "whatsapp");
        var message = JsonNode.Parse(AcsEvents.AdvancedMessageReceived)!;
        message["id"] = Guid.NewGuid().ToString();
        message["data"]!["messageId"] = Guid.NewGuid().ToString();

        var delivered = await FakeAcsServer.PostEventGridEventsAsync(new Uri(setup.Worker.BaseAddress, $"/webhooks/acs/events?key={WebhookKey}"), "[" + message.ToJsonString() + "]", Ct);

        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        var traceId = "";
        await Eventually.TrueAsync(() =>
        {
            traceId = receiver.Spans.FirstOrDefault(s => s.Name == "intake")?.TraceId ?? "";
            return Task.FromResult(receiver.Spans.Any(s => s.Name == "routing.decide" && s.TraceId == traceId && s.Attributes.GetValueOrDefault("connector.routing.agent") == "ann"));
        }, TimeSpan.FromSeconds(30), () => Spans(receiver) + setup.Describe());
        Assert.DoesNotContain(receiver.Spans, s => s.Name is "outbox.dispatch" or "crm.sync");

        await setup.RestartAsync(new Dictionary<string, string?> { ["Outbox:DispatchEnabled"] = "true" });

        await Eventually.TrueAsync(async () => (await setup.Outbox.ListAsync(OutboxState.Done, Ct)).Any(r => r.Kind == OutboxKind.ContactSync), TimeSpan.FromSeconds(60), setup.Describe);
        var contact = Assert.Single(setup.Salesforce.Records("Contact"));
        // The contact is written by an upsert on its external id: PATCH …/sobjects/Contact/{field}/{customer id}.
        ReceivedSpan? write = null;
        await Eventually.TrueAsync(() =>
        {
            var crmSync = receiver.Spans.Where(s => s.Name == "crm.sync" && s.TraceId == traceId).Select(s => s.SpanId).ToHashSet();
            write = receiver.Spans.FirstOrDefault(s => s.Kind == 3 && crmSync.Contains(s.ParentSpanId) && s.Attributes.GetValueOrDefault("http.request.method") == "PATCH"
                && s.Attributes.GetValueOrDefault("url.full", "").Contains("/sobjects/Contact", StringComparison.Ordinal));
            return Task.FromResult(write is not null);
        }, TimeSpan.FromSeconds(30), () => Spans(receiver) + setup.Describe());

        var trace = receiver.Spans.Where(s => s.TraceId == traceId).ToList();
        Assert.StartsWith(setup.Salesforce.BaseUrl.GetLeftPart(UriPartial.Authority), write!.Attributes["url.full"], StringComparison.Ordinal);
        var root = Assert.Single(trace, s => s.ParentSpanId == "");
        Assert.Equal(2, root.Kind);
        Assert.Contains("/webhooks/acs/events", root.Name, StringComparison.Ordinal);
        var ids = trace.Select(s => s.SpanId).ToHashSet();
        Assert.All(trace, s => Assert.True(s.ParentSpanId == "" || ids.Contains(s.ParentSpanId), $"{s}: its parent is not in the trace\n{Spans(receiver)}"));
        var intake = Assert.Single(trace, s => s.Name == "intake");
        Assert.Equal(root.SpanId, intake.ParentSpanId);
        Assert.Contains(trace, s => s.Name == "routing.decide" && s.ParentSpanId == intake.SpanId);
        Assert.Contains(trace, s => s.Name == "outbox.dispatch" && s.ParentSpanId == intake.SpanId && s.Attributes.GetValueOrDefault("connector.outbox.kind") == OutboxKind.ContactSync);
        Assert.Contains(trace, s => s.Name == "crm.sync" && s.ParentSpanId == intake.SpanId && s.SpanId == write.ParentSpanId);
        Assert.NotNull(contact.Id);
    }

    private static string Spans(FakeOtlpReceiver receiver) => $"spans: {string.Join(", ", receiver.Spans)}\n";
}
