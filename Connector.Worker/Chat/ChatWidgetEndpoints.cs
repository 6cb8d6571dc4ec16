using Connector.Worker.Acs;
using Connector.Worker.Chat.Widget;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Chat;

/// <summary>The embeddable chat widget: <c>GET /chat/widget</c> (the page) and <c>GET /chat/widget.js</c> (its loader).</summary>
internal static class ChatWidgetEndpoints
{
    /// <summary>Public, like <c>POST /api/chat/sessions</c>: websites' visitors load them.</summary>
    public static IEndpointRouteBuilder MapChatWidget(this IEndpointRouteBuilder app)
    {
        app.MapGet("/chat/widget", (IOptions<AcsOptions> options, HttpContext context) => Page(context, ChatWidgetPage.Render(options.Value.ApiVersions.Chat)))
            .WithTags("Web chat").WithSummary("The chat widget page, to embed in a website with an iframe (or through /chat/widget.js).");
        app.MapGet("/chat/widget.js", (HttpContext context) => Script(context))
            .WithTags("Web chat").WithSummary("A script a website includes to add the chat button and widget.");
        return app;
    }

    private static ContentHttpResult Page(HttpContext context, string html)
    {
        // Short cache: a new Worker version's page reaches visitors within minutes.
        context.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Text(html, "text/html; charset=utf-8");
    }

    private static ContentHttpResult Script(HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Text(ChatWidgetLoader.Script, "text/javascript; charset=utf-8");
    }
}
