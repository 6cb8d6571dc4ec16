using Microsoft.Extensions.Options;

namespace Connector.Core.Conversations;

/// <summary>Checks <c>Conversations</c> at start.</summary>
internal sealed class ConversationOptionsValidator : IValidateOptions<ConversationOptions>
{
    public ValidateOptionsResult Validate(string? name, ConversationOptions options) =>
        options.ContinuityWindow <= TimeSpan.Zero
            ? ValidateOptionsResult.Fail($"{ConversationOptions.Section}:ContinuityWindow: '{options.ContinuityWindow}' is not a positive time span; write it as d.hh:mm:ss, e.g. 3.00:00:00 for 72 hours.")
            : ValidateOptionsResult.Success;
}
