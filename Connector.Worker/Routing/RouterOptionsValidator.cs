using Microsoft.Extensions.Options;

namespace Connector.Worker.Routing;

/// <summary>Checks <c>Router</c> at start.</summary>
internal sealed class RouterOptionsValidator : IValidateOptions<RouterOptions>
{
    public ValidateOptionsResult Validate(string? name, RouterOptions options) =>
        options.TickInterval <= TimeSpan.Zero
            ? ValidateOptionsResult.Fail($"{RouterOptions.Section}:TickInterval must be positive.")
            : options.QuarantineAfterFailures < 1
                ? ValidateOptionsResult.Fail($"{RouterOptions.Section}:QuarantineAfterFailures must be at least 1.")
                : ValidateOptionsResult.Success;
}
