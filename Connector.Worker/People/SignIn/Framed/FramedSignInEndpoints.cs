using Connector.Worker.Panel;
using Connector.Worker.WebAssets;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Connector.Worker.People.SignIn.Framed;

/// <summary>
/// Signing in at the OpenID provider from the CRM's iframe, where the provider refuses to be framed and where a session
/// cookie set at the top level is not seen (it is partitioned by the top-level site):
/// <list type="number">
/// <item><c>/signin</c> in a frame shows a button (<see cref="FramedPage"/>) that opens <c>/signin/popup</c>;</item>
/// <item><c>GET /signin/popup</c> (anyone): without a session it sends the browser to sign in and back; with the
/// session of a person with a role it issues a one-time code for them (<see cref="SignInHandoff"/>), which the page's
/// script posts to the frame that opened it, addressed to this Worker's origin only;</item>
/// <item><c>POST /signin/handoff</c> (anyone holding the frame page's antiforgery token and a code): signs the frame in
/// as the code's person with the session cookie and answers where to go.</item>
/// </list>
/// </summary>
internal static class FramedSignInEndpoints
{
    public const string PopupPath = "/signin/popup";
    public const string HandoffPath = "/signin/handoff";
    public const string FramedScriptPath = "/signin/framed.js";
    public const string PopupScriptPath = "/signin/popup.js";

    public static IEndpointRouteBuilder MapFramedSignIn(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").AllowAnonymous().ExcludeFromDescription()
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.RequestServices.GetRequiredService<PanelSecurityHeaders>().ApplyFraming(context.HttpContext.Response);
                return await next(context);
            });
        pages.MapGet(PopupPath, ShowPopupAsync);
        pages.MapPost(HandoffPath, HandoffAsync).RequireRateLimiting(Limits.RateLimits.SignIn);
        pages.MapWebAsset(FramedScriptPath, "signin/framed.js");
        pages.MapWebAsset(PopupScriptPath, "signin/popup.js");
        return app;
    }

    /// <summary>Whether the browser loads the page into a frame (Fetch Metadata; every current browser sends it).</summary>
    public static bool IsFramed(HttpRequest request) =>
        request.Headers["Sec-Fetch-Dest"].ToString() is "iframe" or "frame";

    /// <summary><c>/signin</c> in the CRM's frame with a provider: the button that opens the popup.</summary>
    public static async Task<IResult> FramedPage(HttpContext http, IAntiforgery antiforgery, IAuthenticationSchemeProvider schemes, string returnUrl)
    {
        var provider = (await schemes.GetSchemeAsync(OidcSignIn.Scheme))?.DisplayName ?? OidcOptions.DefaultDisplayName;
        var token = antiforgery.GetAndStoreTokens(http).RequestToken!;
        return SignInPages.Html(SignInPages.FramedSignIn(token, PopupUrl(returnUrl), provider));
    }

    private static async Task<IResult> ShowPopupAsync(HttpContext http, IOptions<AuthOptions> auth, SignInHandoff handoff, string? returnUrl)
    {
        var returnTo = SignInEndpoints.LocalOrHome(returnUrl);
        // The browser session only: an API key or a bearer token is no sign-in to hand to a browser.
        var session = await http.AuthenticateAsync(AuthSchemes.Cookie);
        if (session.Principal is { } person && Roles.All.Any(person.IsInRole))
        {
            // The page holds a code: no cache may keep it.
            http.Response.Headers.CacheControl = "no-store";
            return SignInPages.Html(SignInPages.Handoff(handoff.Issue(person, returnTo), person.Identity?.Name ?? ""));
        }

        return auth.Value.UsesOidc
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = PopupUrl(returnTo) }, [OidcSignIn.Scheme])
            : Results.Redirect($"{SignInEndpoints.SignInPath}?returnUrl={Uri.EscapeDataString(PopupUrl(returnTo))}");
    }

    private static async Task<Results<Ok<HandoffResponse>, ProblemHttpResult>> HandoffAsync(
        HttpContext http, IAntiforgery antiforgery, SignInHandoff handoff, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Not a form",
                detail: "code: send it as a form field (application/x-www-form-urlencoded), with the page's __RequestVerificationToken.",
                extensions: new Dictionary<string, object?> { ["field"] = "code" });
        }

        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Antiforgery token missing or invalid",
                detail: "__RequestVerificationToken: send the token of the sign-in page the code is for.",
                extensions: new Dictionary<string, object?> { ["field"] = "__RequestVerificationToken" });
        }

        var (redeemed, refusal) = await handoff.RedeemAsync(http.Request.Form["code"], ct);
        if (redeemed is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign-in code not valid",
                detail: $"code: {Why(refusal)} Press the sign-in button again.",
                extensions: new Dictionary<string, object?> { ["field"] = "code" });
        }

        // The same cookie and principal the popup's sign-in made, now in this frame's cookie partition.
        await http.SignInAsync(AuthSchemes.Cookie, redeemed.Person);
        return TypedResults.Ok(new HandoffResponse(redeemed.ReturnUrl));
    }

    private static string Why(SignInHandoff.Refusal? refusal) => refusal switch
    {
        SignInHandoff.Refusal.Expired => "it expired (a code lives a minute).",
        SignInHandoff.Refusal.Used => "it was used already (a code works once).",
        SignInHandoff.Refusal.Forged => "it is not a code this connector made.",
        _ => "it is empty or not a code.",
    };

    private static string PopupUrl(string returnUrl) => $"{PopupPath}?returnUrl={Uri.EscapeDataString(returnUrl)}";
}

/// <summary>Where the frame goes now that it is signed in: a path of this Worker.</summary>
public sealed record HandoffResponse(string Location);
