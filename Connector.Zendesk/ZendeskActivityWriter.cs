using Connector.Core.Compliance;
using Connector.Core.Crm;
using Connector.Zendesk.Mapping;

namespace Connector.Zendesk;

/// <summary>
/// An interaction becomes a comment on its conversation's ticket (a voice comment for a call), after one comment per
/// message it carries, opening the ticket when the conversation has none. The comment's key tag, written with it, is what makes a replay write nothing.
/// </summary>
public sealed class ZendeskActivityWriter(ZendeskConversationTickets tickets, SensitiveDataRedactor redactor) : ICrmActivityWriter
{
    public async Task<CrmRecord> WriteActivityAsync(CrmActivity activity, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var conversation = ZendeskKeys.Conversation(activity.IdempotencyKey);
        var existing = await tickets.OfAsync(conversation, ct).ConfigureAwait(false);
        if (ZendeskConversationTickets.Holding(existing, activity.IdempotencyKey) is { } holding)
        {
            return ZendeskKeys.Part(holding.Id, activity.IdempotencyKey);
        }

        var template = ZendeskActivityMapper.NewTicket(activity, redactor);
        foreach (var message in ZendeskMessageMapper.Changes(activity, redactor))
        {
            if (ZendeskConversationTickets.Holding(existing, message.IdempotencyKey) is null)
            {
                var landed = await tickets.WriteAsync(conversation, existing, message, template, ct).ConfigureAwait(false);
                if (existing.All(t => t.Id != landed))
                {
                    existing = await tickets.OfAsync(conversation, ct).ConfigureAwait(false);
                }
            }
        }

        var change = ZendeskActivityMapper.Change(activity, redactor);
        var ticket = await tickets.WriteAsync(conversation, existing, change, template, ct).ConfigureAwait(false);
        return ZendeskKeys.Part(ticket, activity.IdempotencyKey);
    }
}
