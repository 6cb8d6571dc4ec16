using System.Diagnostics.Metrics;
using System.Globalization;

namespace Connector.Zendesk;

/// <summary>
/// The account's per-minute API allowance as Zendesk reports it on every answer (<c>X-Rate-Limit: 700</c>,
/// <c>X-Rate-Limit-Remaining: 699</c>), exported as gauges so an alert fires before the 429s do; plus a count of
/// requests by kind.
/// </summary>
public sealed class ZendeskMetrics : IDisposable
{
    public const string MeterName = "Connector.Zendesk";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private long _limit = -1;
    private long _remaining = -1;

    public ZendeskMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        _requests = _meter.CreateCounter<long>("connector.zendesk.requests", "{request}", "REST requests sent to Zendesk, by kind.");
        _meter.CreateObservableGauge("connector.zendesk.rate_limit", () => Observe(Interlocked.Read(ref _limit)), "{request}", "The account's API requests per minute (X-Rate-Limit).");
        _meter.CreateObservableGauge("connector.zendesk.rate_limit_remaining", () => Observe(Interlocked.Read(ref _remaining)), "{request}", "API requests left in the current minute (X-Rate-Limit-Remaining).");
    }

    /// <summary>The last reported allowance and what was left of it, or null before the first answer.</summary>
    public (long Limit, long Remaining)? LastRateLimit => Interlocked.Read(ref _limit) < 0 ? null : (Interlocked.Read(ref _limit), Interlocked.Read(ref _remaining));

    public void RequestSent(string kind) => _requests.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Observe(string? limit, string? remaining)
    {
        if (long.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var max)
            && long.TryParse(remaining, NumberStyles.None, CultureInfo.InvariantCulture, out var left))
        {
            Interlocked.Exchange(ref _limit, max);
            Interlocked.Exchange(ref _remaining, left);
        }
    }

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<long>> Observe(long value) => value < 0 ? [] : [new Measurement<long>(value)];
}
