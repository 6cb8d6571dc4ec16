using System.Text.RegularExpressions;
using Connector.Core.Customers;
using Microsoft.Extensions.Options;

namespace Connector.Dynamics;

/// <summary>Checks <c>Crm:Dynamics</c> at start, naming the key that is wrong.</summary>
public sealed partial class DynamicsOptionsValidator : IValidateOptions<DynamicsOptions>
{
    public ValidateOptionsResult Validate(string? name, DynamicsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.OrganizationUrl is null)
        {
            errors.Add("Crm:Dynamics:OrganizationUrl (the environment, e.g. https://contoso.crm.dynamics.com) is required.");
        }
        else if (!IsHttpUrl(options.OrganizationUrl))
        {
            errors.Add("Crm:Dynamics:OrganizationUrl must be an absolute http(s) URL.");
        }

        if (!IsHttpUrl(options.AuthorityHost))
        {
            errors.Add("Crm:Dynamics:AuthorityHost must be an absolute http(s) URL.");
        }

        if (string.IsNullOrWhiteSpace(options.TenantId))
        {
            errors.Add("Crm:Dynamics:TenantId (the Entra ID directory id) is required.");
        }

        if (!Guid.TryParse(options.ClientId, out _))
        {
            errors.Add($"Crm:Dynamics:ClientId must be the app registration's application id (a GUID); got '{options.ClientId}'.");
        }

        if (options.UsesCertificate)
        {
            if (!File.Exists(options.CertificatePath))
            {
                errors.Add($"Crm:Dynamics:CertificatePath: no file at '{options.CertificatePath}'.");
            }

            if (options.CertificateKeyPath is { Length: > 0 } keyPath && !File.Exists(keyPath))
            {
                errors.Add($"Crm:Dynamics:CertificateKeyPath: no file at '{keyPath}'.");
            }
        }
        else if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            errors.Add("Crm:Dynamics needs ClientSecret or CertificatePath (Entra ID client credentials).");
        }

        if (!ApiVersionPattern().IsMatch(options.ApiVersion))
        {
            errors.Add($"Crm:Dynamics:ApiVersion must look like v9.2; got '{options.ApiVersion}'.");
        }

        if (options.KeyColumn is { Length: > 0 } column && !LogicalNamePattern().IsMatch(column))
        {
            errors.Add($"Crm:Dynamics:KeyColumn must be a column's logical name such as cc_connectorkey; got '{column}'.");
        }

        if (!LogicalNamePattern().IsMatch(options.MessagingActivityTable))
        {
            errors.Add($"Crm:Dynamics:MessagingActivityTable must be a table's logical name such as task; got '{options.MessagingActivityTable}'.");
        }

        if (options.MessagingActivitySet is { Length: > 0 } set && !LogicalNamePattern().IsMatch(set))
        {
            errors.Add($"Crm:Dynamics:MessagingActivitySet must be an entity set name such as tasks; got '{set}'.");
        }

        if (options.DefaultRegion is { Length: > 0 } region && !IdentityNormalizer.IsSupportedRegion(region))
        {
            errors.Add($"Crm:Dynamics:DefaultRegion '{region}' is not a known region code.");
        }

        if (options.MaxUploadBytes is <= 0 or > 128L * 1024 * 1024)
        {
            errors.Add("Crm:Dynamics:MaxUploadBytes must be between 1 and 134217728 (Dataverse's largest file size for notes).");
        }

        if (options.InlineFileMaxBytes <= 0)
        {
            errors.Add("Crm:Dynamics:InlineFileMaxBytes must be positive.");
        }

        if (options.BlockBytes is <= 0 or > 4 * 1024 * 1024)
        {
            errors.Add("Crm:Dynamics:BlockBytes must be between 1 and 4194304 (Dataverse's largest block).");
        }

        if (options.RecordingLinkBase is { } link && !IsHttpUrl(link))
        {
            errors.Add("Crm:Dynamics:RecordingLinkBase must be an absolute http(s) URL.");
        }

        if (options.MaxConcurrentRequests is < 1 or > 51)
        {
            errors.Add("Crm:Dynamics:MaxConcurrentRequests must be between 1 and 51 (Dataverse refuses 52 concurrent requests per user).");
        }

        if (options.InteractionsPerBatch is < 1 or > 100)
        {
            errors.Add("Crm:Dynamics:InteractionsPerBatch must be between 1 and 100.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsHttpUrl(Uri url) => url.IsAbsoluteUri && url.Scheme is "https" or "http";

    [GeneratedRegex(@"^v9\.\d$")]
    private static partial Regex ApiVersionPattern();

    [GeneratedRegex(@"^[a-z][a-z0-9_]*$")]
    private static partial Regex LogicalNamePattern();
}
