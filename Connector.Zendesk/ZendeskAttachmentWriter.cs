using Connector.Core.Crm;
using Connector.Zendesk.Mapping;

namespace Connector.Zendesk;

/// <summary>
/// A transcript or recording is uploaded and attached to a private comment on the ticket of the activity it belongs
/// to. The comment's tag (and the audit's metadata, naming the file's key and its activity) make a replay find it.
/// </summary>
public sealed class ZendeskAttachmentWriter(ZendeskConversationTickets tickets, ZendeskUploads uploads) : ICrmAttachmentWriter
{
    public async Task<CrmRecord> AttachAsync(CrmAttachment attachment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        var conversation = ZendeskKeys.Conversation(attachment.IdempotencyKey);
        var existing = await tickets.OfAsync(conversation, ct).ConfigureAwait(false);
        if (ZendeskConversationTickets.Holding(existing, attachment.IdempotencyKey) is { } holding)
        {
            return ZendeskKeys.Part(holding.Id, attachment.IdempotencyKey);
        }

        if (existing.Count == 0 && ZendeskKeys.TicketOf(attachment.Parent) is { } parentTicket)
        {
            // The parent's ticket is not the conversation's (linked by hand): the file goes where its parent is.
            existing = [await tickets.ShowAsync(parentTicket, ct).ConfigureAwait(false)];
        }

        var file = await uploads.SendAsync(attachment, ct).ConfigureAwait(false);
        var change = new ZendeskTicketChange(attachment.IdempotencyKey);
        ZendeskFileMapper.Attach(change, [file], attachment.Parent.RecordId);
        var ticket = await tickets.WriteAsync(conversation, existing, change, template: null, ct).ConfigureAwait(false);
        return ZendeskKeys.Part(ticket, attachment.IdempotencyKey);
    }
}
