using System.Net;
using System.Text.Json.Nodes;
using Connector.Worker.Tests.Fakes.Acs;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Payloads;

namespace Connector.Worker.Tests.Telemetry;

/// <summary>
/// With the standard <c>OTEL_EXPORTER_OTLP_*</c> settings a Worker process exports its traces over OTLP/HTTP: a webhook
/// delivery is one trace whose intake span is the child of the request's server span.
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
}
