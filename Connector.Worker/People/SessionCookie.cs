using Connector.Worker.People.SignIn;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Connector.Worker.People;

/// <summary>
/// The browser session. The panel lives in an iframe of the CRM's page (another site), where only a
/// <c>SameSite=None; Secure</c> cookie is sent; writes made with it need the antiforgery token as well.
/// API and hub calls without a session get 401/403, not a redirect to the sign-in page.
/// </summary>
internal static class SessionCookie
{
    public const string Name = "connector.session";
    public const string SignInPath = "/signin";

    /// <summary>The CHIPS attribute (Cookies Having Independent Partitioned State).</summary>
    public const string Partitioned = "Partitioned";

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = Name;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.None;
        options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        // CHIPS: a partitioned cookie is kept for the iframe where third-party cookies are blocked (Chrome's incognito
        // and its opt-outs, Edge's strict mode); keyed to the top-level site, so a CRM page keeps its own session.
        options.Cookie.Extensions.Add(Partitioned);
        options.LoginPath = SignInPath;
        options.SlidingExpiration = true;
        options.ExpireTimeSpan = TimeSpan.FromHours(10);
        options.Events.OnRedirectToLogin = context =>
        {
            if (IsForPeople(context.Request))
            {
                context.Response.Redirect(context.RedirectUri);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            }

            return Task.CompletedTask;
        };
        // A person signed in with too small a role sees why on the page itself (403), with a way to switch accounts.
        options.Events.OnRedirectToAccessDenied = context => IsForPeople(context.Request)
            ? SignInPages.Html(SignInPages.Forbidden(
                    context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context.HttpContext).RequestToken!,
                    context.HttpContext.User.Identity?.Name), StatusCodes.Status403Forbidden).ExecuteAsync(context.HttpContext)
            : SetStatus(context.Response, StatusCodes.Status403Forbidden);
    }

    private static Task SetStatus(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>A page a person opened (the dashboard, the panel), not a call of the API or the hub.</summary>
    private static bool IsForPeople(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && !request.Path.StartsWithSegments("/api")
        && !request.Path.StartsWithSegments("/hubs")
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
