using System.Diagnostics.Metrics;

namespace Connector.HubSpot;

/// <summary>
/// Requests by kind, 429s, and HubSpot's own figures from the <c>X-HubSpot-RateLimit-*</c> headers (the ten-second
/// budget left, the daily allocation left), so an alert fires before the DAILY limit does.
/// </summary>
public sealed class HubSpotMetrics : IDisposable
{
    public const string MeterName = "Connector.HubSpot";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _throttled;
    private long _max = -1;
    private long _remaining = -1;
    private long _daily = -1;
    private long _dailyRemaining = -1;

    public HubSpotMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        _requests = _meter.CreateCounter<long>("connector.hubspot.requests", "{request}", "API requests sent to HubSpot, by kind.");
        _throttled = _meter.CreateCounter<long>("connector.hubspot.throttled", "{request}", "Requests HubSpot answered 429.");
        _meter.CreateObservableGauge("connector.hubspot.rate_limit_remaining", () => Observe(_remaining), "{request}", "Requests left in the rolling ten-second window (X-HubSpot-RateLimit-Remaining).");
        _meter.CreateObservableGauge("connector.hubspot.rate_limit_max", () => Observe(_max), "{request}", "The ten-second budget (X-HubSpot-RateLimit-Max).");
        _meter.CreateObservableGauge("connector.hubspot.daily_remaining", () => Observe(_dailyRemaining), "{request}", "Requests left today (X-HubSpot-RateLimit-Daily-Remaining).");
        _meter.CreateObservableGauge("connector.hubspot.daily_limit", () => Observe(_daily), "{request}", "The daily allocation (X-HubSpot-RateLimit-Daily).");
    }

    /// <summary>The last reported daily usage (left, allocation), or null before HubSpot reported it.</summary>
    public (long Remaining, long Limit)? LastDaily => Interlocked.Read(ref _daily) < 0 ? null : (Interlocked.Read(ref _dailyRemaining), Interlocked.Read(ref _daily));

    public void RequestSent(string kind) => _requests.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Throttled() => _throttled.Add(1);

    public void Observe(long? max, long? remaining, long? daily, long? dailyRemaining)
    {
        Set(ref _max, max);
        Set(ref _remaining, remaining);
        Set(ref _daily, daily);
        Set(ref _dailyRemaining, dailyRemaining);
    }

    public void Dispose() => _meter.Dispose();

    private static void Set(ref long field, long? value)
    {
        if (value is { } known)
        {
            Interlocked.Exchange(ref field, known);
        }
    }

    private static IEnumerable<Measurement<long>> Observe(long value) => value < 0 ? [] : [new Measurement<long>(value)];
}
