using Connector.Core.Crm;

namespace Connector.Worker.Crm;

/// <summary>
/// The CRM's limit as this Worker last saw it. One limit signal holds back every CRM job (they wait without calling),
/// so a daily allocation that ran out is not probed once per queued row. The wait is the CRM's Retry-After (or the
/// adapter's suggestion, e.g. Salesforce's for REQUEST_LIMIT_EXCEEDED), else doubles while the CRM keeps refusing;
/// either way at most <see cref="CrmSyncOptions.MaxThrottleDelay"/>. The first success opens the gate again.
/// </summary>
internal sealed class CrmThrottleGate(TimeProvider time)
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _until;
    private int _strikes;

    /// <summary>When the gate opens again, if it is closed now.</summary>
    public DateTimeOffset? ClosedUntil
    {
        get
        {
            lock (_lock)
            {
                return _until is { } until && until > time.GetUtcNow() ? until : null;
            }
        }
    }

    /// <summary>Closes the gate for the CRM's Retry-After, or for the doubling wait when it gave none; returns when it opens.</summary>
    public DateTimeOffset Throttled(CrmRequestFailedException limit, CrmSyncOptions options)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_until is { } closed && closed > now)
            {
                // Requests that were already in flight when the gate closed: the same limit, not a new one.
                return closed;
            }

            // The CRM's (or its adapter's) own wait wins, up to the operator's cap on how long any limit holds work.
            var wait = limit.RetryAfter is { } after
                ? (after < options.MaxThrottleDelay ? after : options.MaxThrottleDelay)
                : CrmRetryPlan.Backoff(options.ThrottleDelay, options.MaxThrottleDelay, _strikes);
            _strikes++;
            _until = now + wait;
            return _until.Value;
        }
    }

    public void Succeeded()
    {
        lock (_lock)
        {
            _strikes = 0;
            _until = null;
        }
    }
}
