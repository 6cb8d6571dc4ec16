using System.Diagnostics.Metrics;
using System.Globalization;

namespace Connector.Dynamics;

/// <summary>
/// Requests by kind, 429s by service-protection code, and what Dataverse reports of the remaining allowance
/// (<c>x-ms-ratelimit-burst-remaining-xrm-requests</c>, <c>x-ms-ratelimit-time-remaining-xrm-requests</c>) so an alert can
/// fire before the limit does. Microsoft calls those headers informative; they are exported as they come.
/// </summary>
public sealed class DynamicsMetrics : IDisposable
{
    public const string MeterName = "Connector.Dynamics";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _throttled;
    private long _burstRemaining = -1;
    private long _timeRemaining = -1;

    public DynamicsMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        _requests = _meter.CreateCounter<long>("connector.dynamics.requests", "{request}", "Web API requests sent to Dataverse, by kind.");
        _throttled = _meter.CreateCounter<long>("connector.dynamics.throttled", "{request}", "Requests Dataverse answered 429 (service protection), by error code.");
        _meter.CreateObservableGauge("connector.dynamics.burst_remaining", () => Observe(_burstRemaining), "{request}", "Requests left in the service protection window (x-ms-ratelimit-burst-remaining-xrm-requests).");
        _meter.CreateObservableGauge("connector.dynamics.time_remaining", () => Observe(_timeRemaining), "ms", "Execution time left in the service protection window (x-ms-ratelimit-time-remaining-xrm-requests).");
    }

    public long? BurstRemaining => Interlocked.Read(ref _burstRemaining) is var value && value < 0 ? null : value;

    public void RequestSent(string kind) => _requests.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Throttled(string? code) => _throttled.Add(1, new KeyValuePair<string, object?>("code", code ?? "none"));

    public void Observe(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Read(response, "x-ms-ratelimit-burst-remaining-xrm-requests", ref _burstRemaining);
        Read(response, "x-ms-ratelimit-time-remaining-xrm-requests", ref _timeRemaining);
    }

    public void Dispose() => _meter.Dispose();

    private static void Read(HttpResponseMessage response, string header, ref long target)
    {
        if (response.Headers.TryGetValues(header, out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            Interlocked.Exchange(ref target, (long)value);
        }
    }

    private static IEnumerable<Measurement<long>> Observe(long value) => value < 0 ? [] : [new Measurement<long>(value)];
}
