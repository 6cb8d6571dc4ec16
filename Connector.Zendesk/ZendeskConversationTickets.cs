using System.Text.Json.Nodes;
using Connector.Core.Crm;
using Connector.Zendesk.Mapping;
using Connector.Zendesk.Wire;
using Microsoft.Extensions.Options;

namespace Connector.Zendesk;

/// <summary>
/// The tickets of one conversation (all with its key as external_id: the first, and any follow-ups) and the one
/// rule for writing to them: a change goes to the newest ticket that is not closed; a conversation with none gets a
/// ticket (created with an Idempotency-Key, following up a closed one if there is one); and when the ticket refuses
/// a comment because it holds Zendesk's 5,000-comment maximum, or is closed, the change opens a follow-up ticket
/// linked to it, so nothing is lost.
/// </summary>
public sealed class ZendeskConversationTickets(ZendeskClient client, IOptions<ZendeskOptions> options)
{
    internal async Task<IReadOnlyList<ZendeskTicket>> OfAsync(string conversation, CancellationToken ct)
    {
        var answer = await client.GetAsync<ZendeskTickets>(ZendeskUris.TicketsByExternalId(conversation), "ticket_lookup", ct).ConfigureAwait(false);
        return (answer.Tickets ?? []).Where(t => t.ExternalId == conversation).OrderBy(t => t.Id).ToList();
    }

    internal async Task<ZendeskTicket> ShowAsync(long id, CancellationToken ct) =>
        (await client.GetAsync<ZendeskTicketAnswer>(ZendeskUris.Ticket(id), "ticket", ct).ConfigureAwait(false)).Ticket;

    /// <summary>The ticket that already holds the part with this key, if any.</summary>
    internal static ZendeskTicket? Holding(IReadOnlyList<ZendeskTicket> tickets, string key)
    {
        var tag = ZendeskKeys.Tag(key);
        return tickets.FirstOrDefault(t => t.Holds(tag));
    }

    /// <summary>Where the next write goes: the newest ticket still open to updates.</summary>
    internal static ZendeskTicket? Current(IReadOnlyList<ZendeskTicket> tickets) => tickets.Where(t => !t.IsClosed).MaxBy(t => t.Id);

    /// <summary>Writes the change to the conversation's current ticket (or a new one); returns the ticket it landed on.</summary>
    /// <param name="template">What a new ticket needs; null to take the requester and subject from the conversation's last ticket.</param>
    internal async Task<long> WriteAsync(string conversation, IReadOnlyList<ZendeskTicket> tickets, ZendeskTicketChange change, ZendeskNewTicket? template, CancellationToken ct)
    {
        try
        {
            return await WriteOnceAsync(conversation, tickets, change, template, ct).ConfigureAwait(false);
        }
        catch (CrmRequestFailedException refused) when (change.LacksVoiceNumbers && ZendeskErrors.IsVoiceCommentInvalid(refused))
        {
            // Zendesk takes no voice comment without both numbers; the call is still logged, as a comment that says so.
            change.WithoutVoiceNumbers();
            return await WriteOnceAsync(conversation, tickets, change, template, ct).ConfigureAwait(false);
        }
    }

    private async Task<long> WriteOnceAsync(string conversation, IReadOnlyList<ZendeskTicket> tickets, ZendeskTicketChange change, ZendeskNewTicket? template, CancellationToken ct)
    {
        var current = Current(tickets);
        if (current is null)
        {
            var closed = tickets.Count > 0 ? tickets[^1] : null;
            return await CreateAsync(change.ForCreate(conversation, template ?? From(closed), options.Value.TicketTags, closed?.Id), change.IdempotencyKey, ct, change.VoiceVia).ConfigureAwait(false);
        }

        try
        {
            await client.PutAsync<ZendeskTicketAnswer>(ZendeskUris.Ticket(current.Id), new JsonObject { ["ticket"] = change.ForUpdate() }, "ticket_update", ct).ConfigureAwait(false);
            return current.Id;
        }
        catch (CrmRequestFailedException refused) when (change.HasComment && (ZendeskErrors.IsCommentCeiling(refused) || ZendeskErrors.IsClosed(refused)))
        {
            return await FollowUpAsync(conversation, current, change, template, closed: ZendeskErrors.IsClosed(refused), ct).ConfigureAwait(false);
        }
    }

    /// <param name="voiceVia">For a call with Talk Partner Edition on: the voice ticket's via_id, and the ticket opens as a voice ticket.</param>
    internal async Task<long> CreateAsync(JsonObject ticket, string idempotencyKey, CancellationToken ct, int? voiceVia = null)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (OpensAsVoiceTicket(voiceVia))
        {
            ticket["via_id"] = voiceVia;
            var voice = await client.PostAsync<ZendeskTicketAnswer>(ZendeskUris.VoiceTickets, new JsonObject { ["ticket"] = ticket }, "voice_ticket_create", ct, idempotencyKey).ConfigureAwait(false);
            return voice.Ticket.Id;
        }

        var answer = await client.PostAsync<ZendeskTicketAnswer>(ZendeskUris.Tickets, new JsonObject { ["ticket"] = ticket }, "ticket_create", ct, idempotencyKey).ConfigureAwait(false);
        return answer.Ticket.Id;
    }

    /// <summary>Whether a ticket opened by this write is a Talk Partner Edition voice ticket (which has no create_many).</summary>
    internal bool OpensAsVoiceTicket(int? voiceVia) => options.Value.TalkPartnerEdition && voiceVia is not null;

    /// <summary>
    /// A new ticket for the conversation that continues <paramref name="full"/>: a closed ticket is followed up the
    /// way Zendesk links follow-ups (via_followup_source_id); a ticket at the comment ceiling is linked by tags both
    /// ways (a tag is no comment, so the full ticket still takes it) and the new subject names it.
    /// </summary>
    private async Task<long> FollowUpAsync(string conversation, ZendeskTicket full, ZendeskTicketChange change, ZendeskNewTicket? template, bool closed, CancellationToken ct)
    {
        var basis = template ?? From(full);
        var followUp = basis with { Subject = $"{full.Subject ?? basis.Subject} (continued from #{full.Id})", Tags = [.. basis.Tags, $"continued_from_{full.Id}"] };
        var ticket = change.ForCreate(conversation, followUp, options.Value.TicketTags, closed ? full.Id : null);
        ticket["subject"] = followUp.Subject;
        var id = await CreateAsync(ticket, $"{change.IdempotencyKey}:after:{full.Id}", ct, change.VoiceVia).ConfigureAwait(false);
        if (!closed)
        {
            var link = new JsonObject { ["ticket"] = new JsonObject { ["additional_tags"] = new JsonArray($"continued_in_{id}") } };
            await client.PutAsync<ZendeskTicketAnswer>(ZendeskUris.Ticket(full.Id), link, "ticket_update", ct).ConfigureAwait(false);
        }

        return id;
    }

    private static ZendeskNewTicket From(ZendeskTicket? ticket) => ticket?.RequesterId is { } requester
        ? new ZendeskNewTicket(requester, ticket.Subject ?? "Conversation", "open")
        : throw new CrmRequestFailedException(ZendeskErrors.Crm, 0, null, "the conversation has no ticket to take the requester from");
}
