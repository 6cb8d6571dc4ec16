using System.Text.Encodings.Web;
using Connector.Worker.Acs;
using Connector.Worker.WebAssets;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Chat;

/// <summary>
/// The embeddable chat widget, from the files in Chat/Widget/ (embedded in the Worker, see WebAssets/README.md):
/// <c>GET /chat/widget</c> (the page, widget.html), its script <c>/chat/chat.js</c> and styles <c>/chat/widget.css</c>,
/// and <c>GET /chat/widget.js</c> (the loader a website includes). The page starts a session with
/// <c>POST /api/chat/sessions</c> and then talks to ACS Chat directly with the visitor's token, as ACS Chat intends
/// (Microsoft Learn, "Chat concepts", https://learn.microsoft.com/azure/communication-services/concepts/chat/concepts).
/// </summary>
internal static class ChatWidgetEndpoints
{
    /// <summary>The page's one run-time value, in its <c>data-chat-api-version</c> attribute.</summary>
    private const string ApiVersionPlaceholder = "{{CHAT_API_VERSION}}";

    /// <summary>Public, like <c>POST /api/chat/sessions</c>: websites' visitors load them.</summary>
    public static IEndpointRouteBuilder MapChatWidget(this IEndpointRouteBuilder app)
    {
        var template = EmbeddedWebAssets.Get("chat/widget.html");
        WebAsset? page = null; // rendered on first use: the options are read then, and do not change while running
        app.MapGet("/chat/widget", (IOptions<AcsOptions> options, HttpContext context) =>
                (page ??= template.Render(ApiVersionPlaceholder, HtmlEncoder.Default.Encode(options.Value.ApiVersions.Chat))).Serve(context))
            .WithTags("Web chat").WithSummary("The chat widget page, to embed in a website with an iframe (or through /chat/widget.js).");
        app.MapWebAsset("/chat/chat.js", "chat/chat.js")
            .WithTags("Web chat").WithSummary("The chat widget page's script.");
        app.MapWebAsset("/chat/widget.css", "chat/widget.css")
            .WithTags("Web chat").WithSummary("The chat widget page's styles.");
        app.MapWebAsset("/chat/widget.js", "chat/widget.js")
            .WithTags("Web chat").WithSummary("A script a website includes to add the chat button and widget.");
        return app;
    }
}
