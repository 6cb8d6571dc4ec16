namespace Connector.Worker.Crm;

/// <summary>
/// Configuration section <c>Crm:Sync</c>: how the CRM sync retries. Failures back off exponentially from
/// <see cref="RetryDelay"/>; a CRM's limit signal (429, Salesforce REQUEST_LIMIT_EXCEEDED) pauses every CRM job
/// for its Retry-After, or for an exponential <see cref="ThrottleDelay"/> when the CRM gives none, and does not
/// use up the attempts: waiting out a limit never dead-letters work.
/// </summary>
public sealed class CrmSyncOptions
{
    public const string Section = "Crm:Sync";

    /// <summary>Failed attempts (not counting limit waits) before a unit of work is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry's delay; it doubles with each failure up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The first wait after a limit signal without Retry-After (Salesforce's daily allocation); it doubles while the limit lasts.</summary>
    public TimeSpan ThrottleDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest one limit signal holds work back before the CRM is tried again, even when it (or its adapter) suggests longer.</summary>
    public TimeSpan MaxThrottleDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Interactions written in one batch call at most: a job for one interaction takes this many other due ones
    /// along (Salesforce packs them into Composite requests of 25 subrequests).
    /// </summary>
    public int BatchSize { get; set; } = 10;

    /// <summary>How long a job waits for another job's find-or-create of the same customer before it retries later.</summary>
    public TimeSpan CustomerLockTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
