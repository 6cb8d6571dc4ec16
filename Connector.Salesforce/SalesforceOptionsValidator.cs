using System.Text.RegularExpressions;
using Connector.Core.Customers;
using Microsoft.Extensions.Options;

namespace Connector.Salesforce;

/// <summary>Checks <c>Crm:Salesforce</c> at start, naming the key that is wrong.</summary>
public sealed partial class SalesforceOptionsValidator : IValidateOptions<SalesforceOptions>
{
    public ValidateOptionsResult Validate(string? name, SalesforceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!options.LoginUrl.IsAbsoluteUri || options.LoginUrl.Scheme is not ("https" or "http"))
        {
            errors.Add("Crm:Salesforce:LoginUrl must be an absolute http(s) URL.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            errors.Add("Crm:Salesforce:ClientId (the app's consumer key) is required.");
        }

        if (options.UsesJwtBearer)
        {
            if (string.IsNullOrWhiteSpace(options.Username))
            {
                errors.Add("Crm:Salesforce:Username (the integration user) is required for the JWT bearer flow.");
            }

            if (!File.Exists(options.PrivateKeyPath))
            {
                errors.Add($"Crm:Salesforce:PrivateKeyPath: no file at '{options.PrivateKeyPath}'.");
            }
        }
        else if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            errors.Add("Crm:Salesforce needs PrivateKeyPath (JWT bearer flow) or ClientSecret (client-credentials flow).");
        }

        if (!ApiVersionPattern().IsMatch(options.ApiVersion))
        {
            errors.Add($"Crm:Salesforce:ApiVersion must look like v62.0; got '{options.ApiVersion}'.");
        }

        if (!CustomFieldPattern().IsMatch(options.ExternalIdField))
        {
            errors.Add($"Crm:Salesforce:ExternalIdField must be a custom field name such as Connector_Key__c; got '{options.ExternalIdField}'.");
        }

        if (options.DefaultRegion is { Length: > 0 } region && !IdentityNormalizer.IsSupportedRegion(region))
        {
            errors.Add($"Crm:Salesforce:DefaultRegion '{region}' is not a known region code.");
        }

        if (options.InlineFileMaxBytes is <= 0 or > 37_500_000)
        {
            errors.Add("Crm:Salesforce:InlineFileMaxBytes must be between 1 and 37500000 (Salesforce's base64 body limit).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex(@"^v\d{2,3}\.0$")]
    private static partial Regex ApiVersionPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*__c$")]
    private static partial Regex CustomFieldPattern();
}
