using System.Text.Json.Nodes;
using Connector.Core.Compliance;
using Connector.Core.Crm;
using Connector.Zendesk.Mapping;
using Microsoft.Extensions.Options;

namespace Connector.Zendesk;

/// <summary>
/// The case is the conversation's first ticket: found by external_id (the conversation key) before anything is
/// created, created with an Idempotency-Key, and otherwise updated in place (subject, status) on the ticket that
/// is current; follow-ups belong to the same case.
/// </summary>
public sealed class ZendeskCaseWriter(ZendeskConversationTickets tickets, ZendeskClient client, SensitiveDataRedactor redactor, IOptions<ZendeskOptions> options) : ICrmCaseWriter
{
    public async Task<CrmRecord> UpsertCaseAsync(CrmCase crmCase, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(crmCase);
        var conversation = ZendeskKeys.Conversation(crmCase.IdempotencyKey);
        var existing = await tickets.OfAsync(conversation, ct).ConfigureAwait(false);
        var change = ZendeskCaseMapper.Change(crmCase, redactor);
        if (existing.Count == 0)
        {
            var ticket = change.ForCreate(conversation, ZendeskCaseMapper.NewTicket(crmCase, redactor), options.Value.TicketTags);
            return ZendeskKeys.Ticket(await tickets.CreateAsync(ticket, crmCase.IdempotencyKey, ct).ConfigureAwait(false));
        }

        if (ZendeskConversationTickets.Current(existing) is { } current)
        {
            await client.PutAsync<JsonObject>(ZendeskUris.Ticket(current.Id), new JsonObject { ["ticket"] = change.ForUpdate() }, "ticket_update", ct).ConfigureAwait(false);
        }

        return ZendeskKeys.Ticket(existing[0].Id);
    }
}
