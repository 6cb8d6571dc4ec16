using Connector.Worker.Api;
using Connector.Worker.People.ApiKeys;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Connector.Worker.People;

/// <summary>
/// One default scheme that picks, per request, what proves who the caller is: an <c>X-Api-Key</c> (machines), a
/// bearer token from the IdP (API clients, and the hub's <c>access_token</c>), else the browser's session cookie.
/// </summary>
public static class AuthSchemes
{
    public const string Connector = "connector";
    public const string ApiKey = "api-key";
    public const string Cookie = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string Bearer = JwtBearerDefaults.AuthenticationScheme;

    /// <summary>Development only (<c>Api:DevelopmentLoopbackAdmin</c>): an anonymous loopback caller is an admin.</summary>
    public const string DevelopmentLoopback = "development-loopback";

    internal static string Select(HttpContext context)
    {
        var request = context.Request;
        if (request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName))
        {
            return ApiKey;
        }

        if (request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || (request.Path.StartsWithSegments("/hubs") && request.Query.ContainsKey("access_token")))
        {
            return Bearer;
        }

        if (!request.Cookies.ContainsKey(SessionCookie.Name)
            && context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.DevelopmentLoopbackAdmin)
        {
            return DevelopmentLoopback;
        }

        return Cookie;
    }
}
