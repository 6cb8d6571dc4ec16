namespace Connector.Worker.Telemetry;

/// <summary>Configuration section <c>Telemetry</c>. OTLP export is configured by the standard <c>OTEL_EXPORTER_OTLP_*</c> settings.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// The key Prometheus sends to scrape <c>/metrics</c> (<c>Authorization: Bearer {key}</c>, at least 32 characters);
    /// absent: only an admin (key or sign-in) may read it.
    /// </summary>
    public string? ScrapeKey { get; set; }

    /// <summary>How often the queue gauges (waiting, oldest wait, SLA attainment) are read from the store.</summary>
    public TimeSpan QueueSampleInterval { get; set; } = TimeSpan.FromSeconds(15);
}
