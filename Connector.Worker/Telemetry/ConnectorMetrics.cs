using System.Diagnostics.Metrics;
using Connector.Core.Routing.Engine;

namespace Connector.Worker.Telemetry;

/// <summary>
/// The Worker's own instruments (meter <c>Connector.Worker</c>). Counters are added where the thing happens; the
/// queue figures are observed from the last <see cref="QueueSampler"/> reading, since a gauge callback must not
/// wait on the database.
/// </summary>
public sealed class ConnectorMetrics : IDisposable
{
    public const string MeterName = "Connector.Worker";

    private readonly Meter _meter;
    private readonly Counter<long> _webhookEvents;
    private readonly Counter<long> _routingEvents;
    private readonly Histogram<double> _crmSyncLatency;
    private readonly Counter<long> _crmLimitSignals;
    private readonly Counter<long> _deadLetters;

    public ConnectorMetrics(IMeterFactory meters, QueueSample queues)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(queues);
        _meter = meters.Create(MeterName);
        _webhookEvents = _meter.CreateCounter<long>("connector.webhook.events", "{event}",
            "ACS events delivered to /webhooks/acs/events, by outcome: accepted, duplicate, ignored; refused counts whole deliveries turned away.");
        _routingEvents = _meter.CreateCounter<long>("connector.routing.offers", "{offer}",
            "Offers by outcome: made, accepted, declined, expired.");
        _crmSyncLatency = _meter.CreateHistogram<double>("connector.crm.sync.duration", "s",
            "From the moment the work was recorded (its outbox row) to the CRM write succeeding, by kind.");
        _crmLimitSignals = _meter.CreateCounter<long>("connector.crm.limit_signals", "{signal}",
            "Times the CRM said to slow down (throttled or over its limit), by CRM.");
        _deadLetters = _meter.CreateCounter<long>("connector.outbox.dead_letters", "{row}",
            "Outbox rows given up on (dead-lettered): they wait for an admin, by kind.");
        _meter.CreateObservableGauge("connector.queue.waiting", () => queues.Observe(c => c.Waiting), "{task}",
            "Tasks queued or offered, per queue and channel.");
        _meter.CreateObservableGauge("connector.queue.oldest_wait", () => queues.Observe(c => c.OldestWaitSeconds), "s",
            "How long the oldest waiting task has waited, per queue and channel (absent when none waits).");
        // No unit: exporters add none to the name, so Prometheus sees exactly connector_sla_attainment_ratio (alerts.yml).
        _meter.CreateObservableGauge("connector.sla.attainment_ratio", () => queues.Observe(c => c.SlaAttainment), unit: null,
            "Of the last hour's tasks answered or known late, the share answered within the channel's target, per queue and channel.");
    }

    public void WebhookEvents(string outcome, int count)
    {
        if (count > 0)
        {
            _webhookEvents.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    /// <summary>Counts the offers among a router tick's events by what became of them.</summary>
    public void Offers(IEnumerable<RoutingEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            var outcome = e switch
            {
                OfferMade => "made",
                TaskAssigned { AutoAccepted: false } => "accepted",
                OfferDeclined => "declined",
                OfferExpired => "expired",
                _ => null,
            };
            if (outcome is not null)
            {
                _routingEvents.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
            }
        }
    }

    public void CrmSynced(string kind, TimeSpan sinceRecorded) =>
        _crmSyncLatency.Record(Math.Max(0, sinceRecorded.TotalSeconds), new KeyValuePair<string, object?>("kind", kind));

    public void CrmLimitSignal(string crm) => _crmLimitSignals.Add(1, new KeyValuePair<string, object?>("crm", crm));

    public void DeadLetter(string kind) => _deadLetters.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Dispose() => _meter.Dispose();
}
