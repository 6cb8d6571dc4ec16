using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Connector.Worker.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Connector.Worker.People.ApiKeys;

/// <summary>
/// <c>X-Api-Key</c>: the bootstrap <c>Api:AdminKey</c> (an admin), or a key issued by <c>POST /api/keys</c> (its role,
/// acting as the agent it names). A key that is presented and wrong fails the request (401); none at all lets the
/// other schemes speak.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<ApiOptions> api,
    ApiKeyStore keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers[HeaderName].ToString() is not { Length: > 0 } presented)
        {
            return AuthenticateResult.NoResult();
        }

        if (api.Value.AdminKey is { Length: > 0 } adminKey
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(adminKey)))
        {
            return Success(new Claim(ClaimTypes.Name, "Api:AdminKey"), new Claim(ClaimTypes.Role, Roles.Admin), new Claim(ConnectorClaims.KeyId, "admin"));
        }

        if (ApiKeySecret.TryRead(presented, out var id, out var secret)
            && await keys.FindActiveAsync(id, Context.RequestAborted) is { } found
            && ApiKeySecret.Matches(secret, found.SecretHash))
        {
            var claims = new List<Claim>
            {
                new(ClaimTypes.Name, found.Key.Name),
                new(ClaimTypes.Role, found.Key.Role),
                new(ConnectorClaims.KeyId, found.Key.Id),
            };
            if (found.Key.AgentId is { } agentId)
            {
                claims.Add(new Claim(ConnectorClaims.AgentId, agentId));
            }

            return Success([.. claims]);
        }

        return AuthenticateResult.Fail("The X-Api-Key is unknown or revoked.");
    }

    private AuthenticateResult Success(params Claim[] claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));
}
