using System.Net;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Api;

/// <summary>Checks <c>Api</c> at start: every trusted proxy is an address or a network.</summary>
internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var failures = options.TrustedProxies
            .Select((entry, i) => (entry, i))
            .Where(p => !IPAddress.TryParse(p.entry, out _) && !IPNetwork.TryParse(p.entry, out _))
            .Select(p => $"{ApiOptions.Section}:TrustedProxies:{p.i}: '{p.entry}' is neither an IP address nor a network such as 10.0.0.0/8.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
