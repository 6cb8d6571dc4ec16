using System.Text;
using System.Text.Json.Nodes;
using Connector.Core.Compliance;
using Connector.Core.Crm;

namespace Connector.Zendesk.Mapping;

/// <summary>
/// Transcripts and recordings as attachments: uploaded, then named by token in a private comment. Text files are
/// redacted here, at the boundary, like every text the connector sends.
/// </summary>
internal static class ZendeskFileMapper
{
    public static bool IsText(CrmAttachment attachment) =>
        attachment.Kind is CrmAttachmentKind.Transcript or CrmAttachmentKind.Note
        && attachment.ContentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase);

    /// <summary>A text file's bytes, redacted; null for binary files, which are streamed as they are.</summary>
    public static async Task<byte[]?> RedactedTextAsync(CrmAttachment attachment, SensitiveDataRedactor redactor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        ArgumentNullException.ThrowIfNull(redactor);
        if (!IsText(attachment))
        {
            return null;
        }

        var stream = await attachment.Open(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return Encoding.UTF8.GetBytes(redactor.Redact(await reader.ReadToEndAsync(ct).ConfigureAwait(false)) ?? "");
        }
    }

    /// <summary>Adds uploaded files to a change: to its comment when it has one (a chat's summary), else to a private comment of their own.</summary>
    public static void Attach(ZendeskTicketChange change, IReadOnlyList<(CrmAttachment File, string Token)> files, string? parent)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (files.Count == 0)
        {
            return;
        }

        if (change.Comment is null)
        {
            var names = string.Join(", ", files.Select(f => f.File.FileName));
            change.Comment = new JsonObject { ["body"] = $"{Describe(files)}: {names}", ["public"] = false };
        }

        change.Comment["uploads"] = new JsonArray(files.Select(f => (JsonNode?)JsonValue.Create(f.Token)).ToArray());
        var named = new JsonObject();
        foreach (var (file, _) in files)
        {
            if (!change.Keys.Contains(file.IdempotencyKey, StringComparer.Ordinal))
            {
                change.Keys.Add(file.IdempotencyKey);
            }

            named[file.IdempotencyKey] = file.FileName;
        }

        change.Connector["files"] = named;
        if (parent is not null)
        {
            change.Connector["parent"] = parent;
        }
    }

    private static string Describe(IReadOnlyList<(CrmAttachment File, string Token)> files) =>
        files.All(f => f.File.Kind == CrmAttachmentKind.Recording) ? "Call recording"
        : files.All(f => f.File.Kind == CrmAttachmentKind.Transcript) ? "Transcript"
        : "Transcript and recording";
}
