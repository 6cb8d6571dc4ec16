using System.Globalization;
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

    /// <summary>
    /// Adds files to a change: to its comment when it has one (a chat's summary), else to a private comment of their
    /// own. Uploaded files ride as upload tokens; linked ones (recordings over the upload limit) as their link and its
    /// expiry in the comment's text, which stays private: the link is a credential.
    /// </summary>
    public static void Attach(ZendeskTicketChange change, IReadOnlyList<ZendeskFile> files, string? parent)
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

        var tokens = files.Where(f => f.Token is not null).Select(f => (JsonNode?)JsonValue.Create(f.Token)).ToArray();
        if (tokens.Length > 0)
        {
            change.Comment["uploads"] = new JsonArray(tokens);
        }

        var linked = files.Where(f => f.Link is not null).ToList();
        if (linked.Count > 0)
        {
            var body = new StringBuilder(change.Comment["body"]?.ToString());
            foreach (var file in linked)
            {
                body.Append("\n\n").Append(file.File.FileName).Append(" (").Append(Megabytes(file.File.Length))
                    .Append(" MB, over Zendesk's upload limit; the link works until ")
                    .Append(file.Link!.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append(" UTC): ")
                    .Append(file.Link.Url.AbsoluteUri);
            }

            change.Comment["body"] = body.ToString();
        }

        var named = new JsonObject();
        foreach (var file in files.Select(f => f.File))
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

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Describe(IReadOnlyList<ZendeskFile> files) =>
        files.All(f => f.File.Kind == CrmAttachmentKind.Recording) ? "Call recording"
        : files.All(f => f.File.Kind == CrmAttachmentKind.Transcript) ? "Transcript"
        : "Transcript and recording";
}
