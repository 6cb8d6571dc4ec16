using Connector.Core.Configuration;
using Connector.Worker.People.SignIn.Framed;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Connector.Worker.People.SignIn;

public static class SignInServiceCollectionExtensions
{
    public const string AntiforgeryCookieName = "connector.antiforgery";

    /// <summary>
    /// How people sign in (<see cref="AuthOptions"/>): at the OpenID provider when <c>Auth:Oidc:Authority</c> is set
    /// (browsers by the code flow, API clients with its JWTs), else with local accounts; antiforgery tokens for the
    /// session's forms and writes.
    /// </summary>
    public static IServiceCollection AddSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AuthOptions, AuthOptionsValidator>(configuration, AuthOptions.Section);
        services.AddSingleton<SignedInPerson>();
        services.AddSingleton<LocalAccountStore>();
        services.AddSingleton<LocalAccounts>();
        services.AddSingleton<SetupLink>();
        services.AddSingleton<SignInHandoffStore>();
        services.AddSingleton<SignInHandoff>();
        services.AddHostedService<SetupLinkAnnouncer>();
        services.ConfigureOptions<JwtSignIn>();
        services.PostConfigure<CookieAuthenticationOptions>(AuthSchemes.Cookie, o => o.Events.OnValidatePrincipal = LocalSessions.ValidateAsync);
        services.AddAntiforgery(o =>
        {
            o.HeaderName = CookieWriteAntiforgery.HeaderName;
            // The antiforgery cookie travels with the session cookie, so it needs the same cross-site settings.
            o.Cookie = new AlwaysSecureCookie(AntiforgeryCookieName);
            // The sign-in page must show inside the CRM's iframe; its default X-Frame-Options: SAMEORIGIN would forbid it.
            o.SuppressXFrameOptionsHeader = true;
        });

        // The OpenID Connect handler answers its callback path on every request, so it exists only when configured.
        if (!string.IsNullOrWhiteSpace(configuration[$"{AuthOptions.Section}:Oidc:Authority"]))
        {
            var displayName = configuration[$"{AuthOptions.Section}:Oidc:DisplayName"];
            services.AddAuthentication().AddOpenIdConnect(OidcSignIn.Scheme, string.IsNullOrWhiteSpace(displayName) ? OidcOptions.DefaultDisplayName : displayName, _ => { });
            services.ConfigureOptions<OidcSignIn>();
        }

        return services;
    }

    /// <summary>The sign-in pages (<c>/signin</c>, <c>/signout</c>, <c>/setup</c>, and the popup sign-in of the CRM's frame).</summary>
    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app) => app.MapSignInPages().MapFramedSignIn();

    /// <summary>Cookie-authenticated writes to the API need the antiforgery token (<see cref="CookieWriteAntiforgery"/>).</summary>
    public static IApplicationBuilder UseCookieWriteAntiforgery(this IApplicationBuilder app) => app.UseMiddleware<CookieWriteAntiforgery>();

    /// <summary>The hub with the session cookie answers this Worker's own pages only (<see cref="CookieHubOrigin"/>).</summary>
    public static IApplicationBuilder UseCookieHubOrigin(this IApplicationBuilder app) => app.UseMiddleware<CookieHubOrigin>();
}
