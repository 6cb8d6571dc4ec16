using System.Globalization;
using Connector.Worker.Storage;
using Microsoft.AspNetCore.StaticFiles;

namespace Connector.Worker.Crm.Links;

/// <summary>
/// Serves a stored recording to whoever holds a valid, unexpired link (<see cref="RecordingLinks"/>): the link is the
/// credential, so the route is anonymous, like a pre-signed storage URL. A missing, tampered or expired signature is
/// 403 problem+json whoever calls; with no signing key configured nothing is ever served.
/// </summary>
public static class RecordingLinkEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IEndpointRouteBuilder MapRecordingLinks(this IEndpointRouteBuilder app)
    {
        app.MapGet(RecordingLinks.Path, Serve).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static IResult Serve(string? file, string? expires, string? sig, RecordingLinkSigner signer, DataDirectory data, TimeProvider time, ILoggerFactory loggers)
    {
        if (string.IsNullOrEmpty(file) || string.IsNullOrEmpty(sig)
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var until) || !signer.Verify(file, until, sig))
        {
            return TypedResults.Problem(statusCode: 403, title: "Invalid recording link", detail: "The link's signature does not match: ask for a new link from the CRM record.");
        }

        if (DateTimeOffset.FromUnixTimeSeconds(until) <= time.GetUtcNow())
        {
            return TypedResults.Problem(statusCode: 403, title: "Expired recording link", detail: "The link has expired: ask for a new link from the CRM record.");
        }

        var path = data.Resolve(file);
        if (path is null || !File.Exists(path))
        {
            loggers.CreateLogger(typeof(RecordingLinkEndpoints)).LogWarning("A signed recording link names a file that is no longer kept");
            return TypedResults.Problem(statusCode: 404, title: "Recording not available", detail: "The recording is no longer kept.");
        }

        var type = ContentTypes.TryGetContentType(path, out var known) ? known : "application/octet-stream";
        return TypedResults.PhysicalFile(path, type, System.IO.Path.GetFileName(path), enableRangeProcessing: true);
    }
}
