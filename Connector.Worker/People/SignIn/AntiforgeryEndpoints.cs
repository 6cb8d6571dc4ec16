using Microsoft.AspNetCore.Antiforgery;

namespace Connector.Worker.People.SignIn;

/// <summary><c>GET /api/antiforgery</c>: the token a signed-in panel sends with its writes.</summary>
internal static class AntiforgeryEndpoints
{
    public static RouteGroupBuilder MapAntiforgeryToken(this RouteGroupBuilder api)
    {
        api.MapGet("/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
            {
                var tokens = antiforgery.GetAndStoreTokens(http);
                return TypedResults.Ok(new AntiforgeryTokenResponse(tokens.RequestToken!, CookieWriteAntiforgery.HeaderName));
            })
            .WithTags("People")
            .WithSummary("The antiforgery token for the signed-in session's writes, to send as the X-CSRF-TOKEN header (bound to this person; fetch it again after signing in).");
        return api;
    }
}

public sealed record AntiforgeryTokenResponse(string Token, string HeaderName);
