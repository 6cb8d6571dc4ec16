using System.Text;
using Connector.Core.Compliance;
using Connector.Core.Crm;
using Connector.HubSpot.Wire;

namespace Connector.HubSpot;

/// <summary>
/// Transcripts and recordings into the File Manager: text redacted at this boundary, the file named after its
/// idempotency key so that a replayed upload is the duplicate HubSpot returns instead of a second file.
/// </summary>
public sealed class HubSpotFiles(HubSpotClient client, SensitiveDataRedactor redactor)
{
    internal async Task<HubSpotFile> UploadAsync(CrmAttachment attachment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        var content = await ReadAsync(attachment, ct).ConfigureAwait(false);
        return await client.UploadFileAsync(content, FileName(attachment), attachment.ContentType, ct).ConfigureAwait(false);
    }

    /// <summary>A playback link for a private recording (<c>hs_call_recording_url</c>), signed and expiring.</summary>
    internal async Task<string> PlaybackUrlAsync(string fileId, CancellationToken ct) =>
        (await client.SignedUrlAsync(fileId, ct).ConfigureAwait(false)).Url;

    internal static bool IsRecording(CrmAttachment attachment) =>
        attachment.Kind == CrmAttachmentKind.Recording && attachment.ContentType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase);

    private async Task<byte[]> ReadAsync(CrmAttachment attachment, CancellationToken ct)
    {
        var stream = await attachment.Open(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ct).ConfigureAwait(false);
            var bytes = buffer.ToArray();
            var isText = attachment.Kind is CrmAttachmentKind.Transcript or CrmAttachmentKind.Note
                && attachment.ContentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase);
            return isText ? Encoding.UTF8.GetBytes(redactor.Redact(Encoding.UTF8.GetString(bytes)) ?? "") : bytes;
        }
    }

    /// <summary><c>{key}-{name}</c> with the key's separators made file-name safe (<c>conv:transcript</c> → <c>conv_transcript</c>).</summary>
    private static string FileName(CrmAttachment attachment)
    {
        var key = new string(attachment.IdempotencyKey.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray());
        return $"{key}-{Path.GetFileName(attachment.FileName)}";
    }
}
