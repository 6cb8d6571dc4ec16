using Microsoft.Extensions.Options;

namespace Connector.Worker.Routing;

/// <summary>Checks <c>Router</c> at start.</summary>
internal sealed class RouterOptionsValidator : IValidateOptions<RouterOptions>
{
    public ValidateOptionsResult Validate(string? name, RouterOptions options) =>
        options.TickInterval <= TimeSpan.Zero
            ? ValidateOptionsResult.Fail($"{RouterOptions.Section}:TickInterval must be positive.")
            : options.FeedInterval <= TimeSpan.Zero
                ? ValidateOptionsResult.Fail($"{RouterOptions.Section}:FeedInterval must be positive.")
                : options.CycleSpacing < TimeSpan.Zero || options.CycleSpacing >= options.TickInterval
                    ? ValidateOptionsResult.Fail($"{RouterOptions.Section}:CycleSpacing must be zero or more, and less than TickInterval.")
                    : options.QuarantineAfterFailures < 1
                        ? ValidateOptionsResult.Fail($"{RouterOptions.Section}:QuarantineAfterFailures must be at least 1.")
                        : ValidateOptionsResult.Success;
}
