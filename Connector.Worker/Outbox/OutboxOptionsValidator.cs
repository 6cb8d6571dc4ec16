using Microsoft.Extensions.Options;

namespace Connector.Worker.Outbox;

/// <summary>Checks <c>Outbox</c> at start; each failure names its key.</summary>
internal sealed class OutboxOptionsValidator : IValidateOptions<OutboxOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboxOptions options)
    {
        var failures = new List<string>();
        if (options.PollInterval <= TimeSpan.Zero)
        {
            failures.Add($"{OutboxOptions.Section}:PollInterval: '{options.PollInterval}' is not a positive time span; write it as d.hh:mm:ss, e.g. 00:00:02.");
        }

        if (options.Lease <= TimeSpan.Zero)
        {
            failures.Add($"{OutboxOptions.Section}:Lease: '{options.Lease}' is not a positive time span; write it as d.hh:mm:ss, e.g. 00:02:00.");
        }

        if (options.BatchSize is < 1 or > 1000)
        {
            failures.Add($"{OutboxOptions.Section}:BatchSize must be between 1 and 1000.");
        }

        if (options.MaxAttempts < 1)
        {
            failures.Add($"{OutboxOptions.Section}:MaxAttempts must be at least 1.");
        }

        if (options.Workers is < 1 or > 200)
        {
            failures.Add($"{OutboxOptions.Section}:Workers must be between 1 and 200 (or unset: twice the cores, at least 4).");
        }

        if (options.ExpressWorkers is < 1 or > 200)
        {
            failures.Add($"{OutboxOptions.Section}:ExpressWorkers must be between 1 and 200 (or unset: 16).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
