using Connector.Core.Crm;

namespace Connector.Worker.Crm;

/// <summary>
/// The retry rules of the CRM sync, for the limit signals the CRMs document (Salesforce "API Request Limits and
/// Allocations" on developer.salesforce.com; Dataverse "Service protection API limits" on learn.microsoft.com; HubSpot
/// "API usage guidelines" on developers.hubspot.com; Zendesk "Rate limits" on developer.zendesk.com; status 429 per
/// RFC 6585 §4, Retry-After per RFC 9110 §10.2.3): limits wait (Retry-After when the CRM sends one) without
/// using up attempts; faults that may pass (5xx, time-outs, lock contention) back off exponentially until the
/// attempts run out; a request the CRM rejected for good is dead-lettered at once, since resending it changes nothing.
/// </summary>
internal static class CrmRetryPlan
{
    /// <param name="failures">Counted failures before this one.</param>
    /// <param name="throttleUntil">When the CRM's limit lets work through again, if it is holding it back.</param>
    public static CrmRetryDecision Decide(Exception failure, int failures, DateTimeOffset? throttleUntil, CrmSyncOptions options, DateTimeOffset now)
    {
        switch (failure)
        {
            case CrmRequestFailedException { Throttled: true } limited:
                return new CrmRetryDecision(throttleUntil ?? now + (limited.RetryAfter ?? options.ThrottleDelay), false, $"{limited.Crm} limit ({limited.ErrorCode ?? limited.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
            case CrmWaitException waiting:
                return new CrmRetryDecision(waiting.Until, false, waiting.Message);
            case CrmWorkInvalidException or Outbox.OutboxKindUnknownException:
                return new CrmRetryDecision(null, true, "the work cannot succeed as written");
            case CrmRequestFailedException { Transient: false } rejected:
                return new CrmRetryDecision(null, true, $"{rejected.Crm} rejected the request for good");
        }

        var attempt = failures + 1;
        if (attempt >= options.MaxAttempts)
        {
            return new CrmRetryDecision(null, true, $"attempt {attempt} of {options.MaxAttempts} failed");
        }

        var delay = Backoff(options.RetryDelay, options.MaxRetryDelay, failures);
        if (failure is CrmRequestFailedException { RetryAfter: { } after } && after > delay)
        {
            delay = after;
        }

        return new CrmRetryDecision(now + delay, true, $"attempt {attempt} of {options.MaxAttempts} failed");
    }

    /// <summary><paramref name="first"/> doubled <paramref name="doublings"/> times, at most <paramref name="max"/>.</summary>
    public static TimeSpan Backoff(TimeSpan first, TimeSpan max, int doublings)
    {
        var ticks = first.Ticks * Math.Pow(2, Math.Min(doublings, 30));
        return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
    }
}
