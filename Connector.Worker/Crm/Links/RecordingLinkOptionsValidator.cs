using Microsoft.Extensions.Options;

namespace Connector.Worker.Crm.Links;

/// <summary>Checks <c>Crm:RecordingLinks</c> at start; each failure names its key and never shows the key's value.</summary>
internal sealed class RecordingLinkOptionsValidator : IValidateOptions<RecordingLinkOptions>
{
    public const int MinKeyBytes = 32;

    public ValidateOptionsResult Validate(string? name, RecordingLinkOptions options)
    {
        if (!options.Enabled && string.IsNullOrWhiteSpace(options.SigningKey))
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(baseUrl.Query))
        {
            failures.Add($"{RecordingLinkOptions.Section}:PublicBaseUrl must be the absolute http(s) URL where the CRM's users reach this Worker (set with {RecordingLinkOptions.Section}:SigningKey).");
        }

        if (RecordingLinkSigner.KeyBytes(options.SigningKey) is not { Length: >= MinKeyBytes })
        {
            failures.Add($"{RecordingLinkOptions.Section}:SigningKey must be base64 of at least {MinKeyBytes} random bytes (openssl rand -base64 32).");
        }

        if (options.Lifetime < TimeSpan.FromMinutes(1) || options.Lifetime > TimeSpan.FromDays(90))
        {
            failures.Add($"{RecordingLinkOptions.Section}:Lifetime must be between 00:01:00 and 90.00:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
