using Connector.Core.Compliance;
using Connector.Core.Crm;
using Connector.Zendesk.Mapping;

namespace Connector.Zendesk;

/// <summary>
/// An interaction becomes a comment on its conversation's ticket (a voice comment for a call), opening the ticket
/// when the conversation has none. The comment's key tag, written with it, is what makes a replay write nothing.
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

        var change = ZendeskActivityMapper.Change(activity, redactor);
        var ticket = await tickets.WriteAsync(conversation, existing, change, ZendeskActivityMapper.NewTicket(activity, redactor), ct).ConfigureAwait(false);
        return ZendeskKeys.Part(ticket, activity.IdempotencyKey);
    }
}
