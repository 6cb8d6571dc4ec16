using System.Text.Json;
using Connector.Core.Crm;
using Connector.Core.Outbox;
using Connector.Core.Storage;
using Connector.Worker.Outbox;

namespace Connector.Worker.Crm;

/// <summary>
/// Attaches one stored file (<see cref="OutboxKind.CrmAttach"/>) to its interaction's CRM activity. Until that
/// interaction is logged the row retries (with back-off); if both wait at once, the interaction's sync takes the
/// file into its batch and this job finds the link and writes nothing.
/// </summary>
internal sealed class CrmAttachmentSync(
    ICrmLinkStore links,
    CrmPorts ports,
    CrmFiles files,
    TimeProvider time,
    ILogger<CrmAttachmentSync> logger) : IOutboxHandler
{
    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var file = TryRead(message) ?? throw new CrmWorkInvalidException($"Outbox row {message.Id} does not carry a file to attach.");
        var conversationId = message.ConversationId ?? throw new CrmWorkInvalidException($"Outbox row {message.Id} names no conversation.");
        if (await links.FindAsync(ports.Crm, message.IdempotencyKey, ct) is not null)
        {
            logger.LogInformation("Attachment {Key} is already in {Crm}", message.IdempotencyKey, ports.Crm);
            return;
        }

        if (!files.Takes(file))
        {
            logger.LogInformation("{Crm} takes no {Kind} files; {Key} stays in the connector only", ports.Crm, file.Kind, message.IdempotencyKey);
            return;
        }

        _ = files.FullPath(file);
        var interactionKey = InteractionSyncPayload.KeyFor(conversationId, file.TaskId);
        var parent = await links.FindAsync(ports.Crm, interactionKey, ct)
            ?? throw new InvalidOperationException($"The interaction {interactionKey} is not in {ports.Crm} yet; the file waits for it.");
        var record = await ports.Attachments.AttachAsync(files.Attachment(message.IdempotencyKey, new CrmRecord(parent.RecordType, parent.RecordId), file), ct);
        await links.RecordAsync(new CrmLink(ports.Crm, message.IdempotencyKey, record.RecordType, record.RecordId, time.GetUtcNow()), ct);
        logger.LogInformation("Attachment {Key} ({Length} bytes) added to {Crm} {RecordType} {RecordId}", message.IdempotencyKey, file.Length, ports.Crm, parent.RecordType, parent.RecordId);
    }

    public static CrmAttachPayload? TryRead(OutboxMessage message)
    {
        try
        {
            return JsonSerializer.Deserialize<CrmAttachPayload>(message.Payload ?? "null", CrmJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
