using Microsoft.Extensions.Options;

namespace Connector.Worker.Panel;

/// <summary>Every origin is a bare https origin (http only for this machine), so the CSP built from them means what it says.</summary>
internal sealed class PanelOptionsValidator : IValidateOptions<PanelOptions>
{
    public ValidateOptionsResult Validate(string? name, PanelOptions options)
    {
        var errors = Check(options.HostOrigins, "HostOrigins").Concat(Check(options.ConnectOrigins, "ConnectOrigins")).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static IEnumerable<string> Check(List<string> origins, string field)
    {
        for (var i = 0; i < origins.Count; i++)
        {
            var text = origins[i];
            // A wildcard host (https://*.my.salesforce.com) is valid in a CSP source; the rest must be an origin.
            var probe = text.Replace("://*.", "://wildcard.", StringComparison.Ordinal);
            if (!Uri.TryCreate(probe, UriKind.Absolute, out var uri) || uri.PathAndQuery != "/" || text.EndsWith('/') || uri.UserInfo.Length > 0
                || !(uri.Scheme == "https" || uri.Scheme == "wss" || (uri.Scheme is "http" or "ws" && uri.IsLoopback)))
            {
                yield return $"{PanelOptions.Section}:{field}:{i}: '{text}' must be an origin such as https://acme.lightning.force.com (https; http only for localhost), with no path.";
            }
        }
    }
}
