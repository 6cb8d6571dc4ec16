using System.Collections.Frozen;
using Connector.Worker.People;
using Connector.Worker.WebAssets;

namespace Connector.Worker.Panel;

/// <summary>
/// The agent panel at <c>/panel</c>: its page (signed-in people only; a browser is sent to sign in and comes back with
/// the CRM's query string intact) and its scripts and stylesheet, all embedded in the Worker (Panel/, built by the
/// .NET build). Every response carries the panel's CSP.
/// </summary>
public static class PanelEndpoints
{
    public const string Path = "/panel";

    public static IEndpointRouteBuilder MapPanel(this IEndpointRouteBuilder app)
    {
        var panel = app.MapGroup(Path).ExcludeFromDescription()
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.RequestServices.GetRequiredService<PanelSecurityHeaders>().Apply(context.HttpContext.Response);
                return await next(context);
            });

        var page = EmbeddedWebAssets.Get("panel/index.html");
        panel.MapGet("/", (HttpContext http) => page.Serve(http)).RequireAuthorization(Policies.Staff);
        // Scripts and styles hold no one's data: anyone may load them (the sign-in page is not the panel). One route for
        // them all, since the bundle's chunks are named by content hash and change with every build.
        var files = EmbeddedWebAssets.Under("panel/").Where(a => a != page).ToFrozenDictionary(a => a.Path["panel/".Length..], StringComparer.Ordinal);
        panel.MapGet("/{file}", (string file, HttpContext http) => files.TryGetValue(file, out var asset)
                ? (IResult)asset.Serve(http)
                : TypedResults.Problem(statusCode: 404, title: "Unknown panel file", detail: $"The panel has no file '{file}'."))
            .AllowAnonymous();

        return app;
    }
}
