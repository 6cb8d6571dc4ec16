using Microsoft.AspNetCore.Http;

namespace Connector.Worker.Tests.Fakes.Acs;

/// <summary>
/// CORS for the Chat API only, as ACS serves it: web pages call Chat straight from the browser with the user's
/// token (the JS chat SDK does), so a preflight is answered and every Chat answer allows the page's origin.
/// Identity, Email and Messages take the resource key, which never belongs in a browser: no CORS there.
/// </summary>
internal static class FakeAcsChatCors
{
    /// <summary>Adds CORS headers to a Chat request's answer; true when the request was a preflight, now answered.</summary>
    public static bool Handle(HttpContext context)
    {
        var request = context.Request;
        var origin = request.Headers.Origin.ToString();
        if (!(request.Path.Value ?? "").StartsWith("/chat", StringComparison.Ordinal) || origin.Length == 0)
        {
            return false;
        }

        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.Vary = "Origin";
        headers.AccessControlExposeHeaders = "Location, Retry-After, x-ms-error-code";
        if (!HttpMethods.IsOptions(request.Method) || request.Headers.AccessControlRequestMethod.Count == 0)
        {
            return false;
        }

        // A preflight carries no token: it is answered before authentication, as browsers never send one with it.
        headers.AccessControlAllowMethods = "GET, POST, PATCH, DELETE, OPTIONS";
        headers.AccessControlAllowHeaders = "Authorization, Content-Type, repeatability-request-id, repeatability-first-sent, x-ms-client-request-id";
        headers.AccessControlMaxAge = "600";
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return true;
    }
}
