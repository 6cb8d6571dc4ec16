using Connector.Core.Channels;
using Connector.Core.Compliance;
using Connector.Core.Crm;
using Connector.Zendesk.Mapping;
using Connector.Zendesk.Wire;

namespace Connector.Zendesk;

/// <summary>
/// One interaction as writes to its conversation's ticket, in order: one per message the interaction carries (Zendesk
/// takes one comment per write), then the activity's comment (and, for a chat, WhatsApp thread or email, the files on
/// that same comment), then for a call a private comment with its files, as a voice comment cannot carry uploads.
/// The first write also carries the case's fields. Parts whose tag the ticket already holds are known, not written
/// again.
/// </summary>
internal sealed class ZendeskInteractionPlan
{
    private ZendeskInteractionPlan(CrmInteraction interaction, string conversation, IReadOnlyList<ZendeskTicket> tickets)
    {
        Interaction = interaction;
        Conversation = conversation;
        Tickets = tickets;
    }

    public CrmInteraction Interaction { get; }

    public string Conversation { get; }

    public IReadOnlyList<ZendeskTicket> Tickets { get; }

    /// <summary>What already exists (or has been written so far), by idempotency key.</summary>
    public Dictionary<string, CrmRecord> Written { get; } = new(StringComparer.Ordinal);

    /// <summary>The case's fields and the activity's comment; null when both are there.</summary>
    public ZendeskTicketChange? First { get; private set; }

    /// <summary>The writes after the first, in order (the messages after the first one, then the activity's comment).</summary>
    public List<ZendeskTicketChange> Rest { get; } = [];

    /// <summary>Files that ride on their own private comment once the activity exists.</summary>
    public List<ZendeskFile> LaterFiles { get; } = [];

    public ZendeskNewTicket Template { get; private set; } = null!;

    public string ActivityKey => Interaction.Activity.IdempotencyKey;

    public string? CaseKey => Interaction.Case?.IdempotencyKey;

    /// <param name="tokens">Files uploaded by an earlier attempt in this call (an upload token lasts an hour): not sent again.</param>
    public static async Task<ZendeskInteractionPlan> BuildAsync(
        CrmInteraction interaction, ZendeskConversationTickets tickets, ZendeskUploads uploads, Dictionary<string, ZendeskFile> tokens,
        SensitiveDataRedactor redactor, CancellationToken ct)
    {
        var activity = interaction.Activity;
        var conversation = ZendeskKeys.Conversation(activity.IdempotencyKey);
        var plan = new ZendeskInteractionPlan(interaction, conversation, await tickets.OfAsync(conversation, ct).ConfigureAwait(false));
        // Written at wrap-up: the ticket is solved unless the case says otherwise.
        var status = activity.Disposition is null ? null : "solved";
        plan.Template = interaction.Case is { } c ? ZendeskCaseMapper.NewTicket(c, redactor, status) : ZendeskActivityMapper.NewTicket(activity, redactor);

        // In the ticket's order: the messages, then the activity's own comment (a call's voice comment, a chat's summary).
        var sequence = new List<ZendeskTicketChange>();
        foreach (var message in ZendeskMessageMapper.Changes(activity, redactor))
        {
            plan.WrittenOrAdd(message, sequence);
        }

        var caseChange = interaction.Case is { } c2 ? ZendeskCaseMapper.Change(c2, redactor, status) : null;
        var activityChange = ZendeskActivityMapper.Change(activity, redactor);
        if (sequence.Count > 0 && caseChange is not null)
        {
            // A requester's comment reopens a solved ticket: the status goes on the last write, the activity's.
            activityChange.Status = caseChange.Status;
            plan.Template = plan.Template with { Status = "open" };
        }

        plan.WrittenOrAdd(activityChange, sequence);

        if (interaction.Case is { } crmCase)
        {
            if (ZendeskConversationTickets.Holding(plan.Tickets, crmCase.IdempotencyKey) is not null)
            {
                plan.Written[crmCase.IdempotencyKey] = ZendeskKeys.Ticket(plan.Tickets[0].Id);
            }
            else
            {
                // The case's fields ride on the first write (the one that opens the ticket when there is none).
                var target = sequence.FirstOrDefault();
                if (target is null)
                {
                    target = new ZendeskTicketChange(crmCase.IdempotencyKey) { Status = caseChange!.Status };
                    sequence.Add(target);
                }
                else
                {
                    target.Keys.Insert(0, crmCase.IdempotencyKey);
                    target.Status ??= sequence.Count == 1 ? caseChange!.Status : null;
                }

                target.Subject = caseChange!.Subject;
                target.Priority = caseChange.Priority;
                target.Tags.AddRange(caseChange.Tags.Except(target.Tags, StringComparer.Ordinal));
            }
        }

        plan.First = sequence.FirstOrDefault();
        plan.Rest.AddRange(sequence.Skip(1));

        var files = new List<ZendeskFile>();
        foreach (var file in interaction.Attachments)
        {
            if (ZendeskConversationTickets.Holding(plan.Tickets, file.IdempotencyKey) is { } fileTicket)
            {
                plan.Written[file.IdempotencyKey] = ZendeskKeys.Part(fileTicket.Id, file.IdempotencyKey);
                continue;
            }

            if (!tokens.TryGetValue(file.IdempotencyKey, out var sent))
            {
                sent = await uploads.SendAsync(file, ct).ConfigureAwait(false);
                tokens[file.IdempotencyKey] = sent;
            }

            files.Add(sent);
        }

        if (activityChange.Comment is not null && sequence.Contains(activityChange))
        {
            ZendeskFileMapper.Attach(activityChange, files, parent: null);
        }
        else
        {
            plan.LaterFiles.AddRange(files);
        }

        return plan;
    }

    /// <summary>Records what the first write put on <paramref name="ticketId"/>.</summary>
    public void FirstWritten(long ticketId)
    {
        if (First is not null)
        {
            Wrote(First, ticketId);
        }
    }

    /// <summary>Records what <paramref name="change"/> put on <paramref name="ticketId"/>.</summary>
    public void Wrote(ZendeskTicketChange change, long ticketId)
    {
        ArgumentNullException.ThrowIfNull(change);
        Landed = ticketId;
        foreach (var key in change.Keys)
        {
            Written[key] = key == CaseKey ? ZendeskKeys.Ticket(Tickets.Count > 0 ? Tickets[0].Id : ticketId) : ZendeskKeys.Part(ticketId, key);
        }
    }

    /// <summary>The ticket the last write landed on; null before the first.</summary>
    public long? Landed { get; private set; }

    private void WrittenOrAdd(ZendeskTicketChange change, List<ZendeskTicketChange> sequence)
    {
        if (ZendeskConversationTickets.Holding(Tickets, change.IdempotencyKey) is { } holding)
        {
            Written[change.IdempotencyKey] = ZendeskKeys.Part(holding.Id, change.IdempotencyKey);
        }
        else
        {
            sequence.Add(change);
        }
    }

    /// <summary>The conversation's tickets once the first write landed on <paramref name="ticketId"/> (a ticket it may have opened).</summary>
    public IReadOnlyList<ZendeskTicket> TicketsAfter(long ticketId) =>
        Tickets.Any(t => t.Id == ticketId)
            ? Tickets
            : [.. Tickets, new ZendeskTicket(ticketId, Conversation, Template.RequesterId, Template.Subject, First?.Status ?? Template.Status, [])];

    public CrmInteractionResult Result() => new(new Dictionary<string, CrmRecord>(Written, StringComparer.Ordinal));
}
