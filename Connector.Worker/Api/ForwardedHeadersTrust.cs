using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Api;

/// <summary>
/// Forwarded headers are believed only from <see cref="ApiOptions.TrustedProxies"/>. The standard switch
/// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c> otherwise trusts every sender (it clears ASP.NET Core's known
/// proxies), so any caller could claim <c>X-Forwarded-For: 127.0.0.1</c> and pass for a loopback caller. This runs
/// after that switch's own configuration and puts the trust list back.
/// </summary>
internal sealed class ForwardedHeadersTrust(IOptions<ApiOptions> api) : IPostConfigureOptions<ForwardedHeadersOptions>
{
    public void PostConfigure(string? name, ForwardedHeadersOptions options)
    {
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        if (api.Value.TrustedProxies.Count == 0)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("127.0.0.0/8"));
            options.KnownProxies.Add(IPAddress.IPv6Loopback);
            return;
        }

        foreach (var entry in api.Value.TrustedProxies)
        {
            if (IPAddress.TryParse(entry, out var address))
            {
                options.KnownProxies.Add(address);
            }
            else
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
            }
        }
    }
}
