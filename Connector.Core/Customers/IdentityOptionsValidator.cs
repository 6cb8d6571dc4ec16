using Microsoft.Extensions.Options;

namespace Connector.Core.Customers;

/// <summary>Checks <c>Identity</c> at start.</summary>
internal sealed class IdentityOptionsValidator : IValidateOptions<IdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, IdentityOptions options) =>
        options.DefaultRegion is { } region && !string.IsNullOrWhiteSpace(region) && !IdentityNormalizer.IsSupportedRegion(region)
            ? ValidateOptionsResult.Fail($"{IdentityOptions.Section}:DefaultRegion: '{region}' is not an ISO 3166 region with a phone numbering plan; use two letters such as GB, US, DE.")
            : ValidateOptionsResult.Success;
}
