using Connector.Core.Channels;
using Connector.Core.Compliance;
using Connector.Core.Crm;
using Connector.Zendesk.Mapping;
using Connector.Zendesk.Wire;

namespace Connector.Zendesk;

/// <summary>
/// One interaction as at most two writes to its conversation's ticket. The first carries the case's fields and the
/// activity's comment (and, for a chat, WhatsApp thread or email, the files on that same comment); the second is a
/// private comment with the files of a call, whose voice comment cannot carry uploads. Parts whose tag the ticket
/// already holds are known, not written again.
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

    /// <summary>Files that ride on their own private comment once the activity exists.</summary>
    public List<(CrmAttachment File, string Token)> LaterFiles { get; } = [];

    public ZendeskNewTicket Template { get; private set; } = null!;

    public string ActivityKey => Interaction.Activity.IdempotencyKey;

    public string? CaseKey => Interaction.Case?.IdempotencyKey;

    /// <param name="tokens">Files uploaded by an earlier attempt in this call (an upload token lasts an hour): not sent again.</param>
    public static async Task<ZendeskInteractionPlan> BuildAsync(
        CrmInteraction interaction, ZendeskConversationTickets tickets, ZendeskUploads uploads, Dictionary<string, string> tokens,
        SensitiveDataRedactor redactor, CancellationToken ct)
    {
        var activity = interaction.Activity;
        var conversation = ZendeskKeys.Conversation(activity.IdempotencyKey);
        var plan = new ZendeskInteractionPlan(interaction, conversation, await tickets.OfAsync(conversation, ct).ConfigureAwait(false));
        // Written at wrap-up: the ticket is solved unless the case says otherwise.
        var status = activity.Disposition is null ? null : "solved";
        plan.Template = interaction.Case is { } c ? ZendeskCaseMapper.NewTicket(c, redactor, status) : ZendeskActivityMapper.NewTicket(activity, redactor);

        if (ZendeskConversationTickets.Holding(plan.Tickets, activity.IdempotencyKey) is { } activityTicket)
        {
            plan.Written[activity.IdempotencyKey] = ZendeskKeys.Part(activityTicket.Id, activity.IdempotencyKey);
        }
        else
        {
            plan.First = ZendeskActivityMapper.Change(activity, redactor);
        }

        if (interaction.Case is { } crmCase)
        {
            if (ZendeskConversationTickets.Holding(plan.Tickets, crmCase.IdempotencyKey) is not null)
            {
                plan.Written[crmCase.IdempotencyKey] = ZendeskKeys.Ticket(plan.Tickets[0].Id);
            }
            else
            {
                var caseChange = ZendeskCaseMapper.Change(crmCase, redactor, status);
                plan.First ??= new ZendeskTicketChange(crmCase.IdempotencyKey);
                if (plan.First.Keys[0] != crmCase.IdempotencyKey)
                {
                    plan.First.Keys.Insert(0, crmCase.IdempotencyKey);
                }

                plan.First.Subject = caseChange.Subject;
                plan.First.Status = caseChange.Status;
                plan.First.Tags.AddRange(caseChange.Tags.Except(plan.First.Tags, StringComparer.Ordinal));
            }
        }

        var files = new List<(CrmAttachment File, string Token)>();
        foreach (var file in interaction.Attachments)
        {
            if (ZendeskConversationTickets.Holding(plan.Tickets, file.IdempotencyKey) is { } fileTicket)
            {
                plan.Written[file.IdempotencyKey] = ZendeskKeys.Part(fileTicket.Id, file.IdempotencyKey);
                continue;
            }

            if (!tokens.TryGetValue(file.IdempotencyKey, out var token))
            {
                token = await uploads.UploadAsync(file, ct).ConfigureAwait(false);
                tokens[file.IdempotencyKey] = token;
            }

            files.Add((file, token));
        }

        if (plan.First?.Comment is not null && activity.Channel != Channel.Voice)
        {
            ZendeskFileMapper.Attach(plan.First, files, parent: null);
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
        foreach (var key in First?.Keys ?? [])
        {
            Written[key] = key == CaseKey ? ZendeskKeys.Ticket(Tickets.Count > 0 ? Tickets[0].Id : ticketId) : ZendeskKeys.Part(ticketId, key);
        }
    }

    /// <summary>The conversation's tickets once the first write landed on <paramref name="ticketId"/> (a ticket it may have opened).</summary>
    public IReadOnlyList<ZendeskTicket> TicketsAfter(long ticketId) =>
        Tickets.Any(t => t.Id == ticketId)
            ? Tickets
            : [.. Tickets, new ZendeskTicket(ticketId, Conversation, Template.RequesterId, Template.Subject, First?.Status ?? Template.Status, [])];

    public CrmInteractionResult Result() => new(new Dictionary<string, CrmRecord>(Written, StringComparer.Ordinal));
}
