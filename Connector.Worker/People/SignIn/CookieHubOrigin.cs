namespace Connector.Worker.People.SignIn;

/// <summary>
/// The hub opened with the session cookie answers pages of this Worker only (the panel, even inside the CRM's iframe,
/// is served from here). The cookie is <c>SameSite=None</c>, and a WebSocket needs neither negotiate nor CORS
/// (clients may skip negotiation), so without this check another site's page could follow a signed-in agent's
/// stream. Browsers always send <c>Origin</c> on a WebSocket and on a cross-site POST; keys and bearer tokens are
/// never sent by a browser on its own and are not checked.
/// </summary>
internal sealed class CookieHubOrigin(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/hubs")
            && request.Headers.Origin.ToString() is { Length: > 0 } origin
            && context.User.Identity?.IsAuthenticated == true
            && AuthSchemes.Select(context) == AuthSchemes.Cookie
            && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            await TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Another site's page",
                detail: $"The hub answers this Worker's own pages when signed in with the session cookie; Origin {origin} is not one.").ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
