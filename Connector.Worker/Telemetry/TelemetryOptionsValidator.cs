using Microsoft.Extensions.Options;

namespace Connector.Worker.Telemetry;

internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public const int MinimumScrapeKeyLength = 32;

    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        if (options.ScrapeKey is { } key && (key.Length < MinimumScrapeKeyLength || key.Any(char.IsWhiteSpace)))
        {
            failures.Add($"{TelemetryOptions.Section}:ScrapeKey: at least {MinimumScrapeKeyLength} characters without spaces (e.g. openssl rand -hex 32), or leave it out so that only admins read /metrics.");
        }

        if (options.QueueSampleInterval <= TimeSpan.Zero)
        {
            failures.Add($"{TelemetryOptions.Section}:QueueSampleInterval: a positive time span, e.g. 00:00:15.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
