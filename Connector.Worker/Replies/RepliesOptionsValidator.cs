using Microsoft.Extensions.Options;

namespace Connector.Worker.Replies;

/// <summary>Checks <c>Replies</c> at start; each failure names its key.</summary>
internal sealed class RepliesOptionsValidator : IValidateOptions<RepliesOptions>
{
    public ValidateOptionsResult Validate(string? name, RepliesOptions options)
    {
        var failures = new List<string>();
        if (options.OutboxDelay < TimeSpan.Zero)
        {
            failures.Add($"{RepliesOptions.Section}:OutboxDelay: '{options.OutboxDelay}' is negative; write it as d.hh:mm:ss, e.g. 00:00:30.");
        }

        if (options.RetryWait < TimeSpan.Zero)
        {
            failures.Add($"{RepliesOptions.Section}:RetryWait: '{options.RetryWait}' is negative; write it as d.hh:mm:ss, e.g. 00:00:05.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
