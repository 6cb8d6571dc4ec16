namespace Connector.Worker.Demo.StandIn;

/// <summary>ACS Chat answers browsers from any origin (the web chat widget and the panel call it directly).</summary>
internal static class StandInCors
{
    /// <returns>True when the request was a preflight, answered here.</returns>
    public static bool Handle(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return false;
        }

        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.Vary = "Origin";
        if (!HttpMethods.IsOptions(context.Request.Method))
        {
            return false;
        }

        headers.AccessControlAllowMethods = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
        headers.AccessControlAllowHeaders = context.Request.Headers.AccessControlRequestHeaders.ToString() is { Length: > 0 } asked ? asked : "authorization, content-type";
        headers.AccessControlMaxAge = "600";
        context.Response.StatusCode = 204;
        return true;
    }
}
