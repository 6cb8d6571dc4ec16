using System.Diagnostics.Metrics;
using System.Globalization;

namespace Connector.Salesforce;

/// <summary>
/// The org's daily API allocation as Salesforce reports it on every response (<c>Sforce-Limit-Info: api-usage=90/15000</c>),
/// exported as gauges so an alert fires before REQUEST_LIMIT_EXCEEDED does; plus a count of requests by kind.
/// </summary>
public sealed class SalesforceMetrics : IDisposable
{
    public const string MeterName = "Connector.Salesforce";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private long _used = -1;
    private long _max = -1;

    public SalesforceMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        _requests = _meter.CreateCounter<long>("connector.salesforce.requests", "{request}", "REST requests sent to Salesforce, by kind.");
        _meter.CreateObservableGauge("connector.salesforce.api_usage", () => Observe(_used), "{request}", "API requests used in the rolling 24 hours (Sforce-Limit-Info).");
        _meter.CreateObservableGauge("connector.salesforce.api_limit", () => Observe(_max), "{request}", "The org's API request allocation for 24 hours (Sforce-Limit-Info).");
    }

    /// <summary>The last reported usage and allocation, or null before the first response.</summary>
    public (long Used, long Max)? LastApiUsage => Interlocked.Read(ref _max) < 0 ? null : (Interlocked.Read(ref _used), Interlocked.Read(ref _max));

    public void RequestSent(string kind) => _requests.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>Reads <c>api-usage=N/M</c> out of a Sforce-Limit-Info value; other entries (per-app-api-usage) are ignored.</summary>
    public void Observe(string? limitInfo)
    {
        if (limitInfo is null)
        {
            return;
        }

        foreach (var part in limitInfo.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!part.StartsWith("api-usage=", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var figures = part["api-usage=".Length..].Split('/');
            if (figures.Length == 2
                && long.TryParse(figures[0], NumberStyles.None, CultureInfo.InvariantCulture, out var used)
                && long.TryParse(figures[1], NumberStyles.None, CultureInfo.InvariantCulture, out var max))
            {
                Interlocked.Exchange(ref _used, used);
                Interlocked.Exchange(ref _max, max);
            }
        }
    }

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<long>> Observe(long value) => value < 0 ? [] : [new Measurement<long>(value)];
}
