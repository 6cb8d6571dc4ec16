using System.Text.RegularExpressions;
using Connector.Core.Customers;
using Microsoft.Extensions.Options;

namespace Connector.Zendesk;

/// <summary>Checks <c>Crm:Zendesk</c> at start, naming the key that is wrong.</summary>
public sealed partial class ZendeskOptionsValidator : IValidateOptions<ZendeskOptions>
{
    public ValidateOptionsResult Validate(string? name, ZendeskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.BaseUrl is null && string.IsNullOrWhiteSpace(options.Subdomain))
        {
            errors.Add("Crm:Zendesk:Subdomain (acme for https://acme.zendesk.com) or Crm:Zendesk:BaseUrl is required.");
        }
        else if (options.BaseUrl is null && !SubdomainPattern().IsMatch(options.Subdomain!))
        {
            errors.Add($"Crm:Zendesk:Subdomain must be the subdomain alone (acme, not acme.zendesk.com); got '{options.Subdomain}'.");
        }

        if (options.BaseUrl is { } baseUrl && (!baseUrl.IsAbsoluteUri || baseUrl.Scheme is not ("https" or "http")))
        {
            errors.Add("Crm:Zendesk:BaseUrl must be an absolute http(s) URL.");
        }

        if (options.OAuthTokenUrl is { } tokenUrl && (!tokenUrl.IsAbsoluteUri || tokenUrl.Scheme is not ("https" or "http")))
        {
            errors.Add("Crm:Zendesk:OAuthTokenUrl must be an absolute http(s) URL.");
        }

        ValidateCredentials(options, errors);

        if (options.ApiVersion != "v2")
        {
            errors.Add($"Crm:Zendesk:ApiVersion must be v2 (the Support API's only version); got '{options.ApiVersion}'.");
        }

        if (options.DefaultRegion is { Length: > 0 } region && !IdentityNormalizer.IsSupportedRegion(region))
        {
            errors.Add($"Crm:Zendesk:DefaultRegion '{region}' is not a known region code.");
        }

        if (options.TicketTags.Any(t => !TagPattern().IsMatch(t)))
        {
            errors.Add($"Crm:Zendesk:TicketTags: a tag is lower-case letters, digits, '_' or '-' without spaces; got '{string.Join(", ", options.TicketTags)}'.");
        }

        if (options.MaxUploadBytes is <= 0 or > 50L * 1024 * 1024)
        {
            errors.Add("Crm:Zendesk:MaxUploadBytes must be between 1 and 52428800 (Zendesk's 50 MB upload limit).");
        }

        if (options.JobPollInterval <= TimeSpan.Zero)
        {
            errors.Add("Crm:Zendesk:JobPollInterval must be positive.");
        }

        if (options.JobTimeout < options.JobPollInterval)
        {
            errors.Add("Crm:Zendesk:JobTimeout must be at least Crm:Zendesk:JobPollInterval.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateCredentials(ZendeskOptions options, List<string> errors)
    {
        switch (options.AuthMode)
        {
            case ZendeskAuthMode.None:
                errors.Add("Crm:Zendesk needs Email and ApiToken (API token), OAuthClientId, OAuthClientSecret and OAuthRefreshToken (OAuth), or OAuthAccessToken.");
                break;
            case ZendeskAuthMode.ApiToken when string.IsNullOrWhiteSpace(options.Email) || !options.Email.Contains('@', StringComparison.Ordinal):
                errors.Add("Crm:Zendesk:Email (the agent the API token acts as) is required with Crm:Zendesk:ApiToken.");
                break;
            case ZendeskAuthMode.OAuthRefresh:
                if (string.IsNullOrWhiteSpace(options.OAuthClientId))
                {
                    errors.Add("Crm:Zendesk:OAuthClientId (the OAuth client's unique identifier) is required with Crm:Zendesk:OAuthRefreshToken.");
                }

                if (string.IsNullOrWhiteSpace(options.OAuthClientSecret))
                {
                    errors.Add("Crm:Zendesk:OAuthClientSecret is required with Crm:Zendesk:OAuthRefreshToken.");
                }

                break;
            default:
                break;
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex SubdomainPattern();

    [GeneratedRegex("^[a-z0-9_-]+$")]
    private static partial Regex TagPattern();
}
