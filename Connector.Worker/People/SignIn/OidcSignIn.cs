using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Connector.Worker.People.SignIn;

/// <summary>
/// Browsers sign in at the OpenID provider (<c>Auth:Oidc</c>): the authorization-code flow with PKCE, the provider's
/// claims as they are (no renaming to WS-Federation URIs), and on return the connector's own principal in the
/// session cookie: roles from the mapping, the agent record by subject or email. A person with no mapped role gets
/// a 403 page and no session.
/// </summary>
internal sealed partial class OidcSignIn(IOptions<AuthOptions> auth) : IConfigureNamedOptions<OpenIdConnectOptions>
{
    public const string Scheme = OpenIdConnectDefaults.AuthenticationScheme;

    public void Configure(OpenIdConnectOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, OpenIdConnectOptions options)
    {
        if (name != Scheme)
        {
            return;
        }

        var oidc = auth.Value.Oidc;
        options.Authority = oidc.Authority;
        options.ClientId = oidc.ClientId;
        options.ClientSecret = string.IsNullOrEmpty(oidc.ClientSecret) ? null : oidc.ClientSecret;
        options.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
        options.SignInScheme = AuthSchemes.Cookie;
        options.SignOutScheme = AuthSchemes.Cookie;
        options.ResponseType = OpenIdConnectResponseType.Code;
        // The code comes back in the query: every provider supports it (Salesforce has no form_post), and with PKCE
        // and the client's secret a code seen in a log is worth nothing.
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        options.MapInboundClaims = false;
        options.SaveTokens = false;
        options.GetClaimsFromUserInfoEndpoint = false;
        options.TokenValidationParameters.NameClaimType = oidc.NameClaim;
        options.Scope.Clear();
        foreach (var scope in oidc.EffectiveScopes)
        {
            options.Scope.Add(scope);
        }

        options.Events.OnTokenValidated = OnTokenValidatedAsync;
        options.Events.OnRemoteFailure = OnRemoteFailureAsync;
    }

    /// <summary>Whether the provider has an end-session endpoint to sign out at (Salesforce and some others have none).</summary>
    public static async Task<bool> HasEndSessionAsync(OpenIdConnectOptions options, CancellationToken ct) =>
        options.ConfigurationManager is { } manager && !string.IsNullOrEmpty((await manager.GetConfigurationAsync(ct)).EndSessionEndpoint);

    private static async Task OnTokenValidatedAsync(TokenValidatedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var oidc = services.GetRequiredService<IOptions<AuthOptions>>().Value.Oidc;
        var claims = context.Principal!;
        var subject = claims.FindFirst(oidc.SubjectClaim)?.Value;
        var email = claims.FindFirst(oidc.EmailClaim)?.Value;
        var name = claims.FindFirst(oidc.NameClaim)?.Value ?? email;
        var roles = RoleMapping.RolesOf(claims, oidc);
        if (roles.Count == 0)
        {
            LogNoRole(services.GetRequiredService<ILogger<OidcSignIn>>(), subject, email, oidc.RoleClaim);
            context.HandleResponse();
            await SignInPages.Html(SignInPages.NoRole(name), StatusCodes.Status403Forbidden).ExecuteAsync(context.HttpContext);
            return;
        }

        context.Principal = await services.GetRequiredService<SignedInPerson>()
            .PrincipalAsync(AuthSchemes.Cookie, subject, email, name, roles, null, context.HttpContext.RequestAborted);
        // Only the ID token is kept, as the hint that lets the provider sign the person out without asking.
        if ((context.TokenEndpointResponse?.IdToken ?? context.ProtocolMessage?.IdToken) is { Length: > 0 } idToken)
        {
            context.Properties!.StoreTokens([new AuthenticationToken { Name = OpenIdConnectParameterNames.IdToken, Value = idToken }]);
        }
    }

    private static async Task OnRemoteFailureAsync(RemoteFailureContext context)
    {
        LogFailure(context.HttpContext.RequestServices.GetRequiredService<ILogger<OidcSignIn>>(), context.Failure);
        context.HandleResponse();
        await SignInPages.Html(SignInPages.Failed("Sign-in failed", "The identity provider's answer could not be used. Try again; if it keeps failing, tell an administrator."),
            StatusCodes.Status400BadRequest).ExecuteAsync(context.HttpContext);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused: {Subject} ({Email}) has no group or role in claim {RoleClaim} that Auth:Oidc:Roles maps to agent, supervisor or admin")]
    private static partial void LogNoRole(ILogger logger, string? subject, string? email, string roleClaim);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in at the OpenID provider failed")]
    private static partial void LogFailure(ILogger logger, Exception? failure);
}
