using Microsoft.Extensions.Options;

namespace Connector.Worker.Retention;

internal sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options) =>
        options.PresenceLogWindow > TimeSpan.Zero
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{RetentionOptions.Section}:{nameof(RetentionOptions.PresenceLogWindow)} must be longer than zero (e.g. 400.00:00:00).");
}
