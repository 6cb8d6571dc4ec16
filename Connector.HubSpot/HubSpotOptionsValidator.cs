using System.Text.RegularExpressions;
using Connector.Core.Customers;
using Microsoft.Extensions.Options;

namespace Connector.HubSpot;

/// <summary>Checks <c>Crm:HubSpot</c> at start, naming the key that is wrong.</summary>
public sealed partial class HubSpotOptionsValidator : IValidateOptions<HubSpotOptions>
{
    public ValidateOptionsResult Validate(string? name, HubSpotOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!IsHttpUrl(options.BaseUrl))
        {
            errors.Add("Crm:HubSpot:BaseUrl must be an absolute http(s) URL.");
        }

        if (options.TokenUrl is not null && !IsHttpUrl(options.TokenUrl))
        {
            errors.Add("Crm:HubSpot:TokenUrl must be an absolute http(s) URL.");
        }

        if (!options.UsesPrivateAppToken)
        {
            foreach (var (key, value) in new[] { ("ClientId", options.ClientId), ("ClientSecret", options.ClientSecret), ("RefreshToken", options.RefreshToken) })
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    errors.Add($"Crm:HubSpot:{key} is required for OAuth (or set Crm:HubSpot:AccessToken, a private app's token).");
                }
            }
        }

        if (options.RefreshAhead < TimeSpan.Zero || options.RefreshAhead > TimeSpan.FromMinutes(25))
        {
            errors.Add("Crm:HubSpot:RefreshAhead must be between 00:00:00 and 00:25:00 (HubSpot's access tokens live 30 minutes).");
        }

        foreach (var (key, value) in new[] { ("KeyProperty", options.KeyProperty), ("CustomerIdProperty", options.CustomerIdProperty) })
        {
            if (!PropertyName().IsMatch(value ?? ""))
            {
                errors.Add($"Crm:HubSpot:{key} must be a property's internal name (lower case, digits, underscores), e.g. connector_key; got '{value}'.");
            }
        }

        foreach (var (key, value) in new[] { ("TicketPipeline", options.TicketPipeline), ("TicketOpenStage", options.TicketOpenStage), ("TicketClosedStage", options.TicketClosedStage) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"Crm:HubSpot:{key} is required (an id from GET /crm/v3/pipelines/tickets).");
            }
        }

        if (string.IsNullOrWhiteSpace(options.FilesFolderPath) || !options.FilesFolderPath.StartsWith('/'))
        {
            errors.Add($"Crm:HubSpot:FilesFolderPath must be a folder path starting with '/'; got '{options.FilesFolderPath}'.");
        }

        if (options.RecordingLinkLifetime < TimeSpan.FromMinutes(1))
        {
            errors.Add("Crm:HubSpot:RecordingLinkLifetime must be at least 00:01:00.");
        }

        if (options.DefaultRegion is { Length: > 0 } region && !IdentityNormalizer.IsSupportedRegion(region))
        {
            errors.Add($"Crm:HubSpot:DefaultRegion '{region}' is not a known region code.");
        }

        if (options.RequestsPerInterval < 1)
        {
            errors.Add("Crm:HubSpot:RequestsPerInterval must be at least 1.");
        }

        if (options.RateLimitInterval <= TimeSpan.Zero)
        {
            errors.Add("Crm:HubSpot:RateLimitInterval must be positive.");
        }

        if (options.SearchRequestsPerSecond < 1)
        {
            errors.Add("Crm:HubSpot:SearchRequestsPerSecond must be at least 1.");
        }

        if (options.ParallelUploads is < 1 or > 32)
        {
            errors.Add("Crm:HubSpot:ParallelUploads must be between 1 and 32.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsHttpUrl(Uri url) => url.IsAbsoluteUri && url.Scheme is "https" or "http";

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex PropertyName();
}
