using System.Security.Claims;
using Connector.Worker.Panel;
using Connector.Worker.People.SignIn.Framed;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Connector.Worker.People.SignIn;

/// <summary>
/// <c>/signin</c>, <c>/signout</c> and <c>/setup</c>: the pages a person opens. With an OpenID provider configured,
/// <c>/signin</c> sends the browser there; without one, it is the local accounts' form. Every form carries an
/// antiforgery token, so another site cannot sign someone in or out.
/// </summary>
internal static class SignInEndpoints
{
    public const string SignInPath = SessionCookie.SignInPath;
    public const string SignOutPath = "/signout";
    public const string SetupPath = "/setup";

    public static IEndpointRouteBuilder MapSignInPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").AllowAnonymous().ExcludeFromDescription()
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.RequestServices.GetRequiredService<PanelSecurityHeaders>().ApplyFraming(context.HttpContext.Response);
                return await next(context);
            });
        pages.MapGet(SignInPath, ShowSignInAsync);
        pages.MapPost(SignInPath, SignInAsync).RequireRateLimiting(Limits.RateLimits.SignIn);
        pages.MapGet(SignOutPath, ShowSignOut);
        pages.MapPost(SignOutPath, SignOutAsync);
        pages.MapGet(SetupPath, ShowSetupAsync);
        pages.MapPost(SetupPath, SetupAsync).RequireRateLimiting(Limits.RateLimits.SignIn);
        return app;
    }

    private static async Task<IResult> ShowSignInAsync(HttpContext http, IAntiforgery antiforgery, IOptions<AuthOptions> auth, IAuthenticationSchemeProvider schemes, string? returnUrl)
    {
        if (http.User.Identity?.IsAuthenticated == true && Roles.All.Any(http.User.IsInRole))
        {
            return SignInPages.Html(SignInPages.SignedIn(Token(http, antiforgery), http.User.Identity.Name ?? "", Roles.All.Where(http.User.IsInRole)));
        }

        if (auth.Value.UsesOidc)
        {
            // Providers refuse to be framed: inside the CRM's frame the sign-in happens in a popup (FramedSignInEndpoints).
            if (FramedSignInEndpoints.IsFramed(http.Request))
            {
                return await FramedSignInEndpoints.FramedPage(http, antiforgery, schemes, LocalOrHome(returnUrl));
            }

            return Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOrHome(returnUrl) }, [OidcSignIn.Scheme]);
        }

        return SignInPages.Html(SignInPages.SignIn(Token(http, antiforgery), LocalOrHome(returnUrl), null, null));
    }

    private static async Task<IResult> SignInAsync(HttpContext http, IAntiforgery antiforgery, IOptions<AuthOptions> auth, LocalAccounts accounts, SignedInPerson person, CancellationToken ct)
    {
        if (auth.Value.UsesOidc)
        {
            return Results.Redirect(SignInPath);
        }

        if (await RefusedFormAsync(http, antiforgery) is { } refused)
        {
            return refused;
        }

        var form = http.Request.Form;
        var returnUrl = LocalOrHome(form["returnUrl"]);
        var (account, refusal) = await accounts.CheckAsync(form["email"], form["password"], ct);
        if (account is null)
        {
            return SignInPages.Html(SignInPages.SignIn(Token(http, antiforgery), returnUrl, refusal, form["email"]), StatusCodes.Status401Unauthorized);
        }

        var principal = await person.PrincipalAsync(AuthSchemes.Cookie, null, account.Email, account.DisplayName, [account.Role], account.Id, ct);
        await http.SignInAsync(AuthSchemes.Cookie, principal);
        return Results.Redirect(returnUrl);
    }

    private static IResult ShowSignOut(HttpContext http, IAntiforgery antiforgery) =>
        http.User.Identity?.IsAuthenticated == true
            ? SignInPages.Html(SignInPages.SignedIn(Token(http, antiforgery), http.User.Identity.Name ?? "", Roles.All.Where(http.User.IsInRole)))
            : SignInPages.Html(SignInPages.SignedOut());

    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery, IOptions<AuthOptions> auth, IOptionsMonitor<OpenIdConnectOptions> oidc, CancellationToken ct)
    {
        if (await RefusedFormAsync(http, antiforgery) is { } refused)
        {
            return refused;
        }

        await http.SignOutAsync(AuthSchemes.Cookie);
        // Signing out at the provider too, where it can, so that the next sign-in may be someone else.
        if (auth.Value.UsesOidc && await OidcSignIn.HasEndSessionAsync(oidc.Get(OidcSignIn.Scheme), ct))
        {
            return Results.SignOut(new AuthenticationProperties { RedirectUri = SignOutPath }, [OidcSignIn.Scheme]);
        }

        return Results.Redirect(SignOutPath);
    }

    private static async Task<IResult> ShowSetupAsync(HttpContext http, IAntiforgery antiforgery, SetupLink link, LocalAccountStore store, string? token, CancellationToken ct) =>
        link.IsValid(token) && await store.CountAsync(ct) == 0
            ? SignInPages.Html(SignInPages.Setup(Token(http, antiforgery), token!, null))
            : SetupGone();

    private static async Task<IResult> SetupAsync(
        HttpContext http, IAntiforgery antiforgery, SetupLink link, LocalAccountStore store, LocalAccounts accounts, SignedInPerson person, CancellationToken ct)
    {
        if (await RefusedFormAsync(http, antiforgery) is { } refused)
        {
            return refused;
        }

        var form = http.Request.Form;
        string token = form["token"].ToString(), email = form["email"].ToString(), name = form["displayName"].ToString(), password = form["password"].ToString();
        if (!link.IsValid(token) || await store.CountAsync(ct) > 0)
        {
            return SetupGone();
        }

        if (LocalAccounts.Problem(email, name, password, Roles.Admin) is { } problem)
        {
            return SignInPages.Html(SignInPages.Setup(Token(http, antiforgery), token, problem.Message), StatusCodes.Status400BadRequest);
        }

        if (!link.TryConsume(token) || await accounts.CreateAsync(email, name, password, Roles.Admin, ct) is not { } admin)
        {
            return SetupGone();
        }

        var principal = await person.PrincipalAsync(AuthSchemes.Cookie, null, admin.Email, admin.DisplayName, [admin.Role], admin.Id, ct);
        await http.SignInAsync(AuthSchemes.Cookie, principal);
        return Results.Redirect(SignInPath);
    }

    private static IResult SetupGone() => SignInPages.Html(
        SignInPages.Failed("Setup link not valid", "This link was used already, is mistyped, or an account exists: sign in, or start the Worker again for a new link while there is no account."),
        StatusCodes.Status404NotFound);

    /// <summary>A posted form without a valid antiforgery token (made by another site, or an old page) is refused.</summary>
    private static async Task<IResult?> RefusedFormAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (!http.Request.HasFormContentType)
        {
            return SignInPages.Html(SignInPages.Failed("Not a form", "Send the page's form."), StatusCodes.Status415UnsupportedMediaType);
        }

        try
        {
            await antiforgery.ValidateRequestAsync(http);
            return null;
        }
        catch (AntiforgeryValidationException)
        {
            return SignInPages.Html(SignInPages.Failed("The page expired", "Open the page again and send it from there."), StatusCodes.Status400BadRequest);
        }
    }

    private static string Token(HttpContext http, IAntiforgery antiforgery) => antiforgery.GetAndStoreTokens(http).RequestToken!;

    /// <summary>Only a path on this site: an absolute or protocol-relative URL would make the form an open redirect.</summary>
    internal static string LocalOrHome(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : SignInPath;
}
