namespace Connector.Worker.WebAssets;

/// <summary>Serving embedded front-end files at fixed URLs, each with its content type, ETag and Cache-Control.</summary>
internal static class WebAssetEndpoints
{
    /// <summary><c>GET <paramref name="pattern"/></c> answers with the embedded file at <paramref name="path"/> (under <c>web/</c>).</summary>
    public static RouteHandlerBuilder MapWebAsset(this IEndpointRouteBuilder app, string pattern, string path)
    {
        var asset = EmbeddedWebAssets.Get(path);
        return app.MapGet(pattern, (HttpContext context) => asset.Serve(context));
    }
}
