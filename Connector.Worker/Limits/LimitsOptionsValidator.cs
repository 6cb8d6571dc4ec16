using Microsoft.Extensions.Options;

namespace Connector.Worker.Limits;

/// <summary>Checks <c>Limits</c> at start: a limit of zero would shut the surface, a huge one is no limit.</summary>
internal sealed class LimitsOptionsValidator : IValidateOptions<LimitsOptions>
{
    public const long MaxBodyBytesCeiling = 100L * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, LimitsOptions options)
    {
        var failures = new List<string>();
        Check(failures, "ChatSessions", options.ChatSessions);
        Check(failures, "SignIn", options.SignIn);
        if (options.ChatSessionsPerClaimedIdentityPerHour is < 1 or > 100_000)
        {
            failures.Add($"{LimitsOptions.Section}:ChatSessionsPerClaimedIdentityPerHour: must be between 1 and 100000 (got {options.ChatSessionsPerClaimedIdentityPerHour}).");
        }

        if (options.MaxRequestBodyBytes is < 1024 or > MaxBodyBytesCeiling)
        {
            failures.Add($"{LimitsOptions.Section}:MaxRequestBodyBytes: must be between 1024 and {MaxBodyBytesCeiling} (got {options.MaxRequestBodyBytes}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string key, RateLimit? limit)
    {
        if (limit is not { PermitsPerMinute: >= 1 and <= 100_000 })
        {
            failures.Add($"{LimitsOptions.Section}:{key}:PermitsPerMinute: must be between 1 and 100000 (got {limit?.PermitsPerMinute}).");
        }
    }
}
