using Connector.Worker.People.SignIn;

namespace Connector.Worker.Hosting;

/// <summary>The middleware every request passes through, in order; the <c>Map…</c> methods add endpoints only.</summary>
public static class RequestPipeline
{
    public static WebApplication UseConnectorPipeline(this WebApplication app)
    {
        // Errors become problem+json; bare status codes (404 of an unknown route) get a problem body too.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // The anonymous surfaces' rate limits (Limits/RateLimits.cs), before anyone is authenticated.
        app.UseRateLimiter();
        // The panel's and the chat widget's scripts and styles, compressed (Panel/PanelServiceCollectionExtensions.cs says which).
        app.UseResponseCompression();
        // The voice transcription stream from ACS is a WebSocket.
        app.UseWebSockets();
        // Who is calling (API key, bearer token, session) and whether the endpoint lets them.
        app.UseAuthentication();
        app.UseAuthorization();
        // A write made with the session cookie carries the antiforgery token (the cookie is SameSite=None).
        app.UseCookieWriteAntiforgery();
        // …and the hub opened with it answers this Worker's own pages only.
        app.UseCookieHubOrigin();
        return app;
    }
}
