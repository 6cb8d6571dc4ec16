using System.Text;
using System.Text.Json.Nodes;
using Connector.Core.Compliance;
using Connector.Core.Crm;

namespace Connector.Salesforce.Mapping;

/// <summary>
/// A transcript or recording as a ContentVersion published to its parent (FirstPublishLocationId creates the
/// ContentDocument and its link). Text transcripts are redacted here, at the boundary, like every text we send.
/// </summary>
internal static class SalesforceFileMapper
{
    public static JsonObject Entity(CrmAttachment attachment, string parentId, string externalIdField)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        return new JsonObject
        {
            ["Title"] = Path.GetFileNameWithoutExtension(attachment.FileName),
            ["PathOnClient"] = attachment.FileName,
            ["FirstPublishLocationId"] = parentId,
            ["Description"] = attachment.Kind.ToString(),
            [externalIdField] = attachment.IdempotencyKey,
        };
    }

    public static bool IsText(CrmAttachment attachment) =>
        attachment.Kind is CrmAttachmentKind.Transcript or CrmAttachmentKind.Note
        && attachment.ContentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The file's bytes for a JSON body (base64 VersionData), text redacted.</summary>
    public static async Task<byte[]> ReadAsync(CrmAttachment attachment, SensitiveDataRedactor redactor, CancellationToken ct)
    {
        var stream = await attachment.Open(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ct).ConfigureAwait(false);
            var bytes = buffer.ToArray();
            return IsText(attachment) ? Encoding.UTF8.GetBytes(redactor.Redact(Encoding.UTF8.GetString(bytes)) ?? "") : bytes;
        }
    }

    public static JsonObject WithData(JsonObject entity, byte[] data)
    {
        entity["VersionData"] = Convert.ToBase64String(data);
        return entity;
    }
}
