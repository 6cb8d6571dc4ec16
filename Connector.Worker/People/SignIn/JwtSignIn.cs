using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Connector.Worker.People.SignIn;

/// <summary>
/// API clients send the provider's access tokens (<c>Authorization: Bearer</c>; SignalR clients as
/// <c>access_token</c> on <c>/hubs/*</c>, since browsers cannot set headers on a WebSocket). The token's audience
/// is <c>Auth:Jwt:Audience</c> (the client id by default); roles and the agent are found as for a browser sign-in.
/// A token with no mapped role authenticates but opens nothing (403). Without a provider no token is valid.
/// </summary>
internal sealed class JwtSignIn(IOptions<AuthOptions> auth) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != AuthSchemes.Bearer)
        {
            return;
        }

        var settings = auth.Value;
        if (settings.UsesOidc)
        {
            options.Authority = settings.Oidc.Authority;
            options.Audience = settings.Jwt.Audience is { Length: > 0 } audience ? audience : settings.Oidc.ClientId;
            options.RequireHttpsMetadata = settings.Oidc.RequireHttpsMetadata;
        }

        options.MapInboundClaims = false;
        options.TokenValidationParameters.NameClaimType = settings.Oidc.NameClaim;
        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                if (context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query["access_token"].ToString() is { Length: > 0 } token)
                {
                    context.Token = token;
                }

                return Task.CompletedTask;
            },
            OnTokenValidated = async context =>
            {
                var oidc = settings.Oidc;
                var claims = context.Principal!;
                var email = claims.FindFirst(oidc.EmailClaim)?.Value;
                context.Principal = await context.HttpContext.RequestServices.GetRequiredService<SignedInPerson>().PrincipalAsync(
                    AuthSchemes.Bearer, claims.FindFirst(oidc.SubjectClaim)?.Value, email, claims.FindFirst(oidc.NameClaim)?.Value ?? email,
                    RoleMapping.RolesOf(claims, oidc), null, context.HttpContext.RequestAborted);
            },
        };
    }
}
