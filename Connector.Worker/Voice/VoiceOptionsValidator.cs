using Microsoft.Extensions.Options;

namespace Connector.Worker.Voice;

/// <summary>Checks <c>Voice</c> at start; each failure names its key.</summary>
internal sealed class VoiceOptionsValidator : IValidateOptions<VoiceOptions>
{
    public ValidateOptionsResult Validate(string? name, VoiceOptions options)
    {
        var failures = new List<string>();
        if (options.InvitationTimeoutSeconds is < 1 or > 180)
        {
            failures.Add($"Voice:InvitationTimeoutSeconds must be between 1 and 180 (got {options.InvitationTimeoutSeconds}).");
        }

        if (options.MaxRecordingBytes < 1)
        {
            failures.Add("Voice:MaxRecordingBytes must be positive.");
        }

        if (options.RecordingFormat is not ("mp3" or "wav"))
        {
            failures.Add($"Voice:RecordingFormat must be mp3 or wav (got '{options.RecordingFormat}').");
        }

        if (!IsHttpUrl(options.CallbackJwt.OpenIdConfigurationUrl))
        {
            failures.Add($"Voice:CallbackJwt:OpenIdConfigurationUrl '{options.CallbackJwt.OpenIdConfigurationUrl}' is not an absolute http(s) URL.");
        }

        if (options.CognitiveServicesEndpoint is { Length: > 0 } cognitive && !IsHttpUrl(cognitive))
        {
            failures.Add($"Voice:CognitiveServicesEndpoint '{cognitive}' is not an absolute http(s) URL.");
        }

        foreach (var number in options.AgentPhoneNumbers.Values.Append(options.CallerIdNumber).OfType<string>())
        {
            if (!number.StartsWith('+') || number.Length < 8 || !number[1..].All(char.IsAsciiDigit))
            {
                failures.Add($"Voice: '{number}' is not an E.164 number such as +442071234567 (Voice:CallerIdNumber, Voice:AgentPhoneNumbers).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
