using Connector.Core.Configuration;
using Connector.Worker.Push;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Connector.Worker.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The service name in traces and metrics unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string ServiceName = "connector-worker";

    /// <summary>The meters exported: the Worker's, the CRM adapters', and the framework's own (HTTP server, rate limits, SignalR connections).</summary>
    private static readonly string[] Meters =
    [
        ConnectorMetrics.MeterName,
        Connector.Salesforce.SalesforceMetrics.MeterName,
        Connector.Dynamics.DynamicsMetrics.MeterName,
        Connector.HubSpot.HubSpotMetrics.MeterName,
        Connector.Zendesk.ZendeskMetrics.MeterName,
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Http.Connections",
    ];

    /// <summary>
    /// OpenTelemetry: the Worker's meters and activity source, ASP.NET Core, HttpClient and runtime instrumentation, a
    /// Prometheus endpoint (<see cref="MapTelemetry"/>), and OTLP export only when the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or a per-signal <c>…_TRACES_ENDPOINT</c> / <c>…_METRICS_ENDPOINT</c>) is set.
    /// </summary>
    public static IServiceCollection AddConnectorTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<TelemetryOptions, TelemetryOptionsValidator>(configuration, TelemetryOptions.Section);
        services.AddMetrics();
        services.AddSingleton<QueueSample>();
        services.AddSingleton<ConnectorMetrics>();
        services.AddHostedService<QueueSampler>();
        services.AddAuthorizationBuilder().AddMetricsScrapePolicy();

        var otlp = Configured(configuration, "OTEL_EXPORTER_OTLP_ENDPOINT");
        var otlpTraces = otlp || Configured(configuration, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        var otlpMetrics = otlp || Configured(configuration, "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT");
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing =>
            {
                // The hub's request lasts as long as the agent's connection (hours): a span that ends only then tells nobody
                // anything, and its tags would be held in memory for every agent online meanwhile.
                tracing.AddSource(ConnectorTracing.SourceName)
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/metrics") && !http.Request.Path.StartsWithSegments("/health") && !http.Request.Path.StartsWithSegments(AgentHub.Path))
                    .AddHttpClientInstrumentation();
                if (otlpTraces)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter();
                if (otlpMetrics)
                {
                    metrics.AddOtlpExporter();
                }
            });
        return services;
    }

    /// <summary><c>GET /metrics</c> in Prometheus' text format, for admins and the scrape key (<see cref="MetricsScrapeAccess"/>).</summary>
    public static IEndpointRouteBuilder MapTelemetry(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(MetricsScrapeAccess.Policy);
        return app;
    }

    private static bool Configured(IConfiguration configuration, string key) => !string.IsNullOrWhiteSpace(configuration[key]);
}
