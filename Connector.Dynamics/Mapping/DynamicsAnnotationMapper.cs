using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Connector.Core.Compliance;
using Connector.Core.Crm;
using Connector.Dynamics.Batch;

namespace Connector.Dynamics.Mapping;

/// <summary>
/// Transcripts and recordings as notes (<c>annotations</c>) on their record, the file base64 in <c>documentbody</c>.
/// The note's id is derived from the file's idempotency key, and it is written create-only, so a replay adds nothing.
/// Text is redacted here, at the boundary, like every text the adapter sends.
/// </summary>
internal static class DynamicsAnnotationMapper
{
    public static JsonObject Entity(CrmAttachment attachment, CrmRecord parent, DynamicsTables tables)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        ArgumentNullException.ThrowIfNull(parent);
        return new JsonObject
        {
            ["subject"] = DynamicsText.Cut($"{attachment.Kind}: {attachment.FileName}", 500),
            ["filename"] = DynamicsText.Cut(attachment.FileName, 255),
            ["mimetype"] = string.IsNullOrWhiteSpace(attachment.ContentType) ? "application/octet-stream" : attachment.ContentType,
            [$"objectid_{parent.RecordType}@odata.bind"] = DynamicsActivityMapper.Bind(tables, parent.RecordType, parent.RecordId),
        };
    }

    public static DynamicsOperation Inline(CrmAttachment attachment, CrmRecord parent, byte[] data, DynamicsTables tables)
    {
        var body = Entity(attachment, parent, tables);
        body["documentbody"] = Convert.ToBase64String(data);
        return Write(attachment, body, "file");
    }

    /// <summary>A note that says where the recording is, for files larger than the organization accepts.</summary>
    public static DynamicsOperation LinkOnly(CrmAttachment attachment, CrmRecord parent, DynamicsOptions options, DynamicsTables tables)
    {
        var body = Entity(attachment, parent, tables);
        body.Remove("filename");
        body.Remove("mimetype");
        var where = options.RecordingLinkBase is { } link
            ? new Uri(link, Uri.EscapeDataString(attachment.FileName)).AbsoluteUri
            : "the contact centre connector's data directory";
        body["notetext"] = string.Create(CultureInfo.InvariantCulture,
            $"{attachment.FileName} ({attachment.Length} bytes) is larger than this organization accepts for notes ({options.MaxUploadBytes} bytes). It is kept at {where}.");
        return Write(attachment, body, "file-link");
    }

    public static bool IsText(CrmAttachment attachment) =>
        attachment.Kind is CrmAttachmentKind.Transcript or CrmAttachmentKind.Note
        && attachment.ContentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The file's bytes, text redacted.</summary>
    public static async Task<byte[]> ReadAsync(CrmAttachment attachment, SensitiveDataRedactor redactor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        var stream = await attachment.Open(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ct).ConfigureAwait(false);
            var bytes = buffer.ToArray();
            return IsText(attachment) ? Encoding.UTF8.GetBytes(redactor.Redact(Encoding.UTF8.GetString(bytes)) ?? "") : bytes;
        }
    }

    private static DynamicsOperation Write(CrmAttachment attachment, JsonObject body, string kind) => DynamicsOperation.Write(
        "annotations", DynamicsIds.For(attachment.IdempotencyKey), DynamicsTables.Annotation, body, DynamicsWriteMode.CreateOnly, kind, attachment.IdempotencyKey);
}
