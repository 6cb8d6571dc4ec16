using Microsoft.Extensions.Options;

namespace Connector.Worker.Crm;

/// <summary>Checks <c>Crm:Sync</c> at start; each failure names its key.</summary>
internal sealed class CrmSyncOptionsValidator : IValidateOptions<CrmSyncOptions>
{
    public ValidateOptionsResult Validate(string? name, CrmSyncOptions options)
    {
        var failures = new List<string>();
        if (options.MaxAttempts is < 1 or > 100)
        {
            failures.Add("Crm:Sync:MaxAttempts must be between 1 and 100.");
        }

        if (options.RetryDelay <= TimeSpan.Zero || options.MaxRetryDelay < options.RetryDelay)
        {
            failures.Add("Crm:Sync:RetryDelay must be positive and at most Crm:Sync:MaxRetryDelay.");
        }

        if (options.ThrottleDelay <= TimeSpan.Zero || options.MaxThrottleDelay < options.ThrottleDelay)
        {
            failures.Add("Crm:Sync:ThrottleDelay must be positive and at most Crm:Sync:MaxThrottleDelay.");
        }

        if (options.BatchSize is < 1 or > 100)
        {
            failures.Add("Crm:Sync:BatchSize must be between 1 and 100.");
        }

        if (options.CustomerLockTimeout <= TimeSpan.Zero)
        {
            failures.Add("Crm:Sync:CustomerLockTimeout must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
