using Microsoft.Net.Http.Headers;

namespace Connector.Worker.Api;

/// <summary>
/// The headers a stored file is served with. Its content type and name came from a customer (a WhatsApp upload, an
/// email attachment), so the response may never act as a page of the Worker's origin: <c>Content-Security-Policy:
/// sandbox</c> runs an HTML or SVG file opened in a tab in an opaque origin without script, <c>nosniff</c> keeps the
/// browser to the declared type, and only images and audio are shown inline (the panel's &lt;img&gt; and &lt;audio&gt;);
/// everything else downloads.
/// </summary>
internal static class AttachmentHeaders
{
    /// <summary>Sets the headers and returns the content type to serve (the stored one when it parses).</summary>
    public static string Apply(HttpResponse response, string fileName, string storedContentType)
    {
        var contentType = MediaTypeHeaderValue.TryParse(storedContentType, out var parsed) && parsed.MediaType.Value?.Contains('/') == true
            ? parsed.ToString()
            : "application/octet-stream";
        var disposition = new ContentDispositionHeaderValue(IsInline(contentType) ? "inline" : "attachment");
        // filename= gets an ASCII stand-in, filename*= the UTF-8 name (RFC 6266); control characters never reach a header.
        disposition.SetHttpFileName(new string([.. fileName.Select(c => char.IsControl(c) ? '_' : c)]));
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "sandbox";
        // The person's own browser may keep it, revalidated each time (ETag): access can end with the work.
        response.Headers.CacheControl = "private, no-cache";
        return contentType;
    }

    // SVG is a document that can carry script: it is downloaded when opened, while <img> still shows it inertly.
    private static bool IsInline(string contentType) =>
        (contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) && !contentType.StartsWith("image/svg", StringComparison.OrdinalIgnoreCase))
        || contentType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase);
}
