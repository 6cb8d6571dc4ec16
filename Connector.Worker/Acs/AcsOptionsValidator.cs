using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Acs;

/// <summary>Checks the <c>Acs</c> section at start; every failure names its key. An absent connection string is valid.</summary>
internal sealed partial class AcsOptionsValidator : IValidateOptions<AcsOptions>
{
    public ValidateOptionsResult Validate(string? name, AcsOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.ConnectionString)
            && !AcsConnectionString.TryParse(options.ConnectionString, out _, out var error))
        {
            failures.Add($"{AcsConnectionString.ConfigurationKey}: {error}");
        }

        if (!string.IsNullOrWhiteSpace(options.CallbackBaseUrl)
            && (!Uri.TryCreate(options.CallbackBaseUrl, UriKind.Absolute, out var callback)
                || (callback.Scheme != Uri.UriSchemeHttps && callback.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add($"Acs:CallbackBaseUrl: '{options.CallbackBaseUrl}' is not an absolute http(s) URL.");
        }

        if (!string.IsNullOrWhiteSpace(options.WhatsApp.ChannelRegistrationId)
            && !Guid.TryParse(options.WhatsApp.ChannelRegistrationId, out _))
        {
            failures.Add($"Acs:WhatsApp:ChannelRegistrationId: '{options.WhatsApp.ChannelRegistrationId}' is not a GUID (the channel registration id from the resource's Channels page).");
        }

        if (!string.IsNullOrWhiteSpace(options.Email.SenderAddress) && !options.Email.SenderAddress.Contains('@', StringComparison.Ordinal))
        {
            failures.Add($"Acs:Email:SenderAddress: '{options.Email.SenderAddress}' is not an email address.");
        }

        foreach (var (entry, i) in options.FileHosts.Select((e, i) => (e, i)))
        {
            if (AcsFileHosts.Problem(entry ?? "") is { } problem)
            {
                failures.Add($"Acs:FileHosts:{i}: {problem}");
            }
        }

        if (options.WhatsApp.MaxMediaBytes < 1)
        {
            failures.Add("Acs:WhatsApp:MaxMediaBytes must be positive.");
        }

        if (options.Email.DefaultPollInterval <= TimeSpan.Zero)
        {
            failures.Add("Acs:Email:DefaultPollInterval must be positive.");
        }

        if (options.Email.SendStatusTimeout <= TimeSpan.Zero)
        {
            // Otherwise every reply would be given up as failed at its first status poll.
            failures.Add("Acs:Email:SendStatusTimeout must be positive.");
        }

        var versions = options.ApiVersions;
        foreach (var (key, value) in new[]
        {
            ("Identity", versions.Identity), ("Chat", versions.Chat), ("Messages", versions.Messages),
            ("Email", versions.Email), ("CallAutomation", versions.CallAutomation),
        })
        {
            if (string.IsNullOrWhiteSpace(value) || !ApiVersionPattern().IsMatch(value))
            {
                failures.Add($"Acs:ApiVersions:{key}: '{value}' is not an api-version such as 2024-08-30 or 2025-09-01-preview.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(-preview)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ApiVersionPattern();
}
