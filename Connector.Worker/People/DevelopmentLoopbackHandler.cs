using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Connector.Worker.People;

/// <summary>
/// <c>Api:DevelopmentLoopbackAdmin=true</c>: a caller on this machine with no credentials is an admin, for trying
/// the API with curl. Off by default, and refused at start when the Worker listens beyond loopback
/// (<see cref="Api.ApiOptionsValidator"/>), so it cannot open a deployed Worker.
/// </summary>
internal sealed class DevelopmentLoopbackHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Context.Connection.RemoteIpAddress is not { } ip || !IPAddress.IsLoopback(ip))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "loopback (development)"), new Claim(ClaimTypes.Role, Roles.Admin)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }
}
