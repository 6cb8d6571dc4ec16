using Connector.Worker.Acs;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Panel;

/// <summary>
/// The panel's Content-Security-Policy: only the configured CRM origins may frame it (<c>frame-ancestors</c>, which
/// supersedes X-Frame-Options), scripts come from the Worker and those CRMs (Open CTI's library), never inline, and the
/// page talks only to the Worker, the ACS resource and the configured extra origins. The sign-in pages carry the same
/// frame-ancestors so that signing in works inside the CRM's frame and nowhere else.
/// </summary>
internal sealed class PanelSecurityHeaders(IOptions<PanelOptions> panel, AcsConnection acs)
{
    public string Policy()
    {
        var hosts = string.Join(' ', panel.Value.HostOrigins);
        var acsOrigin = acs.IsConfigured ? acs.Current.Endpoint.GetLeftPart(UriPartial.Authority) : "";
        var connect = string.Join(' ', new[] { "'self'", acsOrigin }.Concat(panel.Value.ConnectOrigins).Where(s => s.Length > 0));
        return string.Join("; ",
            "default-src 'self'",
            $"script-src 'self' {hosts}".TrimEnd(),
            "style-src 'self'",
            "img-src 'self' data:",
            "media-src 'self' blob:",
            $"connect-src {connect}",
            FrameAncestors(),
            "base-uri 'none'",
            "form-action 'self'",
            "object-src 'none'");
    }

    /// <summary>Only the Worker itself and the configured CRM origins may frame the page.</summary>
    public string FrameAncestors() => $"frame-ancestors 'self' {string.Join(' ', panel.Value.HostOrigins)}".TrimEnd();

    /// <summary>
    /// The sign-in pages, which the panel shows in the CRM's frame before anyone is signed in: framed by the same origins
    /// only, and scripts from the Worker only, never inline (the popup sign-in's); their own inline style keeps them from
    /// taking the panel's whole policy.
    /// </summary>
    public void ApplyFraming(HttpResponse response) => response.Headers.ContentSecurityPolicy = $"script-src 'self'; {FrameAncestors()}";

    public void Apply(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = Policy();
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "same-origin";
        // The softphone needs the microphone, also inside the CRM's frame (which must delegate it with allow="microphone").
        response.Headers["Permissions-Policy"] = "microphone=(self), camera=()";
    }
}
