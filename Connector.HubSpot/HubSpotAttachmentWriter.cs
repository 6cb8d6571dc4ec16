using Connector.Core.Compliance;
using Connector.Core.Crm;
using Connector.HubSpot.Mapping;
using Microsoft.Extensions.Options;

namespace Connector.HubSpot;

/// <summary>
/// A file uploaded (private) and attached where HubSpot shows files: added to an activity's <c>hs_attachment_ids</c>
/// (a recording on a call also becomes its <c>hs_call_recording_url</c>, a signed link); on a contact or ticket, a
/// note keyed by the attachment carries it. Re-attaching the same file changes nothing.
/// </summary>
public sealed class HubSpotAttachmentWriter(
    HubSpotClient client, HubSpotFiles files, HubSpotUpserts upserts, SensitiveDataRedactor redactor, IOptions<HubSpotOptions> options, TimeProvider clock) : ICrmAttachmentWriter
{
    private static readonly string[] Activities = [HubSpotObjectTypes.Calls, HubSpotObjectTypes.Communications, HubSpotObjectTypes.Notes, HubSpotObjectTypes.Emails];

    public async Task<CrmRecord> AttachAsync(CrmAttachment attachment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        var file = await files.UploadAsync(attachment, ct).ConfigureAwait(false);
        var parent = attachment.Parent;
        if (Activities.Contains(parent.RecordType, StringComparer.Ordinal))
        {
            var current = await client.GetAsync(parent.RecordType, parent.RecordId, ["hs_attachment_ids"], ct).ConfigureAwait(false);
            var ids = (current["hs_attachment_ids"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (!ids.Contains(file.Id, StringComparer.Ordinal))
            {
                properties["hs_attachment_ids"] = string.Join(';', ids.Append(file.Id));
            }

            if (parent.RecordType == HubSpotObjectTypes.Calls && HubSpotFiles.IsRecording(attachment))
            {
                properties["hs_call_recording_url"] = await files.PlaybackUrlAsync(file.Id, ct).ConfigureAwait(false);
            }

            if (properties.Count > 0)
            {
                await client.UpdateAsync(parent.RecordType, parent.RecordId, properties, ct).ConfigureAwait(false);
            }
        }
        else
        {
            await AttachWithNoteAsync(attachment, file.Id, ct).ConfigureAwait(false);
        }

        return new CrmRecord(HubSpotObjectTypes.Files, file.Id);
    }

    private async Task AttachWithNoteAsync(CrmAttachment attachment, string fileId, CancellationToken ct)
    {
        var note = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [options.Value.KeyProperty] = attachment.IdempotencyKey,
            ["hs_timestamp"] = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["hs_note_body"] = HubSpotText.Html(redactor, attachment.FileName, null),
            ["hs_attachment_ids"] = fileId,
        };
        var result = (await upserts.UpsertAsync(HubSpotObjectTypes.Notes, [note], ct).ConfigureAwait(false))[attachment.IdempotencyKey];
        var record = result.Record ?? throw result.Failure!;
        var parent = attachment.Parent;
        var link = parent.RecordType == HubSpotObjectTypes.Tickets
            ? new HubSpotAssociations.Link(HubSpotObjectTypes.Notes, record.RecordId, HubSpotObjectTypes.Tickets, parent.RecordId)
            : HubSpotAssociations.ToContact(HubSpotObjectTypes.Notes, record.RecordId, parent.RecordId);
        await upserts.AssociateAsync([link], ct).ConfigureAwait(false);
    }
}
