using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Connector.Worker.WebAssets;

/// <summary>
/// One front-end file as the Worker serves it: its bytes, its content type, and a strong ETag that is a hash of the
/// bytes, so the tag changes exactly when the content does (a new build, or a rendered value that differs).
/// </summary>
internal sealed class WebAsset
{
    /// <summary>
    /// Browsers (and shared caches) keep a copy but ask again before each use with <c>If-None-Match</c>; an unchanged
    /// file costs a 304 without a body, and a deploy is seen on the next load. So a page and its script never come from
    /// two different builds, and the loader, whose URL websites embed, needs no fingerprint in its name
    /// (RFC 9111 "HTTP Caching", section 5.2.2.4, https://www.rfc-editor.org/rfc/rfc9111#section-5.2.2.4).
    /// </summary>
    public const string CacheControl = "no-cache";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    private readonly byte[] _content;

    private WebAsset(string path, byte[] content, string contentType)
    {
        Path = path;
        _content = content;
        ContentType = contentType;
        ETag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 16))}\"");
    }

    /// <summary>The asset's path under <c>web/</c>, e.g. <c>chat/widget.js</c>.</summary>
    public string Path { get; }

    /// <summary>The media type with <c>charset=utf-8</c> for text, from the file's extension.</summary>
    public string ContentType { get; }

    public EntityTagHeaderValue ETag { get; }

    public ReadOnlyMemory<byte> Content => _content;

    public static WebAsset Create(string path, byte[] content)
    {
        if (!ContentTypes.TryGetContentType(path, out var mediaType))
        {
            throw new InvalidOperationException($"The web asset {path} has no known content type.");
        }

        var text = mediaType.StartsWith("text/", StringComparison.Ordinal) || mediaType is "application/json" or "image/svg+xml";
        return new WebAsset(path, content, text ? mediaType + "; charset=utf-8" : mediaType);
    }

    /// <summary>
    /// This UTF-8 file with its one <paramref name="placeholder"/> replaced by <paramref name="value"/> (already encoded
    /// for where the placeholder stands): the way a file carries a value known only at run time, with its own ETag.
    /// </summary>
    public WebAsset Render(string placeholder, string value)
    {
        var text = Encoding.UTF8.GetString(_content);
        var at = text.IndexOf(placeholder, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(placeholder, at + placeholder.Length, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"The web asset {Path} must hold {placeholder} exactly once.");
        }

        return new WebAsset(Path, Encoding.UTF8.GetBytes(text.Replace(placeholder, value, StringComparison.Ordinal)), ContentType);
    }

    /// <summary>
    /// 200 with the file, or 304 when the request's <c>If-None-Match</c> names this ETag: the framework's file result
    /// evaluates the conditional request (Microsoft Learn, "TypedResults.Bytes",
    /// https://learn.microsoft.com/dotnet/api/microsoft.aspnetcore.http.typedresults.bytes). Both carry the
    /// <c>ETag</c> and <see cref="CacheControl"/>.
    /// </summary>
    public FileContentHttpResult Serve(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.CacheControl = CacheControl;
        return TypedResults.Bytes(Content, ContentType, entityTag: ETag);
    }
}
