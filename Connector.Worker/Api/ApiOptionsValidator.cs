using System.Net;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Api;

/// <summary>
/// Checks <c>Api</c> at start: every trusted proxy is an address or a network, and the development loopback admin
/// is on only while the Worker listens on loopback alone.
/// </summary>
internal sealed class ApiOptionsValidator(IConfiguration configuration) : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var failures = options.TrustedProxies
            .Select((entry, i) => (entry, i))
            .Where(p => !IPAddress.TryParse(p.entry, out _) && !IPNetwork.TryParse(p.entry, out _))
            .Select(p => $"{ApiOptions.Section}:TrustedProxies:{p.i}: '{p.entry}' is neither an IP address nor a network such as 10.0.0.0/8.")
            .ToList();
        if (options.DevelopmentLoopbackAdmin && ListenAddresses().FirstOrDefault(u => !IsLoopback(u)) is { } open)
        {
            failures.Add($"{ApiOptions.Section}:DevelopmentLoopbackAdmin: makes anonymous local callers admins, so the Worker must listen on loopback only; Urls has '{open}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private IEnumerable<string> ListenAddresses() =>
        (configuration["urls"] ?? "http://localhost:5080").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());

    private static bool IsLoopback(string url)
    {
        // Kestrel reads '*' and '+' as every address.
        var host = Uri.TryCreate(url.Replace("://*", "://any-address", StringComparison.Ordinal).Replace("://+", "://any-address", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri.Host : "";
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
