using Microsoft.AspNetCore.Antiforgery;

namespace Connector.Worker.People.SignIn;

/// <summary>
/// A write to <c>/api</c> made with the session cookie must carry the antiforgery token in <c>X-CSRF-TOKEN</c>:
/// the cookie is <c>SameSite=None</c> (the panel lives in the CRM's iframe), so the browser would send it with a
/// form another site posts. API keys and bearer tokens are never sent by a browser on its own, so those writes need
/// no token. The panel reads the token from <c>GET /api/antiforgery</c> after signing in.
/// </summary>
internal sealed class CookieWriteAntiforgery(RequestDelegate next)
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public async Task InvokeAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!NeedsToken(context))
        {
            await next(context);
            return;
        }

        try
        {
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            await TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Antiforgery token missing or invalid",
                detail: $"A write with the session cookie needs the token of GET /api/antiforgery in the {HeaderName} header.").ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private static bool NeedsToken(HttpContext context) =>
        !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            || HttpMethods.IsOptions(context.Request.Method) || HttpMethods.IsTrace(context.Request.Method))
        && context.Request.Path.StartsWithSegments("/api")
        && context.User.Identity?.IsAuthenticated == true
        && AuthSchemes.Select(context) == AuthSchemes.Cookie;
}
