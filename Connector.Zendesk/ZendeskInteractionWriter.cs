using System.Text.Json.Nodes;
using Connector.Core.Compliance;
using Connector.Core.Crm;
using Connector.Zendesk.Mapping;
using Connector.Zendesk.Wire;
using Microsoft.Extensions.Options;

namespace Connector.Zendesk;

/// <summary>
/// Logs whole interactions. One interaction: a ticket lookup, its uploads, one create or update carrying the case
/// and the activity (and a chat's files), and for a call one more private comment with its files. Several: the
/// first writes of all of them travel in create_many / update_many (100 tickets a job), and the calls' files in one
/// more update_many; each job's status is polled and its per-item results are matched by input index or ticket id,
/// never by their order. An interaction whose
/// item failed is planned again (what it did write is found by tag) and written again alone. Two interactions of
/// one conversation never share a job: they would open two tickets.
/// </summary>
public sealed class ZendeskInteractionWriter(
    ZendeskConversationTickets tickets, ZendeskClient client, ZendeskUploads uploads, SensitiveDataRedactor redactor, IOptions<ZendeskOptions> options) : ICrmInteractionWriter
{
    private const int ManyLimit = 100;

    public async Task<CrmInteractionResult> WriteInteractionAsync(CrmInteraction interaction, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var plan = await PlanAsync(interaction, new Dictionary<string, ZendeskFile>(StringComparer.Ordinal), ct).ConfigureAwait(false);
        if (plan.First is { } first)
        {
            plan.FirstWritten(await tickets.WriteAsync(plan.Conversation, plan.Tickets, first, plan.Template, ct).ConfigureAwait(false));
        }

        await WriteRestAsync(plan, ct).ConfigureAwait(false);
        await WriteLaterFilesAsync(plan, ct).ConfigureAwait(false);
        return plan.Result();
    }

    public async Task<IReadOnlyList<CrmInteractionOutcome>> WriteInteractionsAsync(IReadOnlyList<CrmInteraction> interactions, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        var outcomes = new CrmInteractionOutcome?[interactions.Count];
        var tokens = new Dictionary<string, ZendeskFile>(StringComparer.Ordinal);
        foreach (var wave in Waves(interactions))
        {
            var failed = await WriteWaveAsync(wave, interactions, outcomes, tokens, ct).ConfigureAwait(false);
            foreach (var index in failed)
            {
                // Alone, planned afresh: what the batch did write is found by its tag and not written twice.
                await WriteWaveAsync([index], interactions, outcomes, tokens, ct).ConfigureAwait(false);
            }
        }

        return outcomes.Select(o => o!).ToList();
    }

    /// <summary>Interactions in waves where each conversation appears at most once, in their order.</summary>
    private static List<List<int>> Waves(IReadOnlyList<CrmInteraction> interactions)
    {
        var waves = new List<List<int>>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < interactions.Count; i++)
        {
            var conversation = ZendeskKeys.Conversation(interactions[i].Activity.IdempotencyKey);
            var wave = seen.TryGetValue(conversation, out var n) ? n + 1 : 0;
            seen[conversation] = wave;
            if (waves.Count <= wave)
            {
                waves.Add([]);
            }

            waves[wave].Add(i);
        }

        return waves;
    }

    /// <returns>The indexes whose batch item failed, for a retry alone; every other index has its outcome.</returns>
    private async Task<List<int>> WriteWaveAsync(
        List<int> wave, IReadOnlyList<CrmInteraction> interactions, CrmInteractionOutcome?[] outcomes, Dictionary<string, ZendeskFile> tokens, CancellationToken ct)
    {
        var plans = new Dictionary<int, ZendeskInteractionPlan>();
        foreach (var index in wave)
        {
            try
            {
                plans[index] = await PlanAsync(interactions[index], tokens, ct).ConfigureAwait(false);
            }
            catch (CrmRequestFailedException failure)
            {
                outcomes[index] = CrmInteractionOutcome.Failed(interactions[index], failure);
            }
        }

        var itemFailures = new Dictionary<int, CrmRequestFailedException>();
        var creates = plans.Where(p => p.Value.First is not null && ZendeskConversationTickets.Current(p.Value.Tickets) is null).ToList();
        // Talk Partner Edition's voice tickets have no create_many: each opens on its own.
        foreach (var (index, plan) in creates.Where(p => tickets.OpensAsVoiceTicket(p.Value.First!.VoiceVia)).ToList())
        {
            creates.RemoveAll(p => p.Key == index);
            try
            {
                plan.FirstWritten(await tickets.WriteAsync(plan.Conversation, plan.Tickets, plan.First!, plan.Template, ct).ConfigureAwait(false));
            }
            catch (CrmRequestFailedException failure)
            {
                outcomes[index] = CrmInteractionOutcome.Failed(plan.Interaction, failure);
            }
        }

        var updates = plans.Where(p => p.Value.First is not null && ZendeskConversationTickets.Current(p.Value.Tickets) is not null).ToList();
        await RunJobsAsync(creates, create: true, itemFailures, outcomes, ct).ConfigureAwait(false);
        await RunJobsAsync(updates, create: false, itemFailures, outcomes, ct).ConfigureAwait(false);

        var retry = new List<int>();
        var filesLater = new List<KeyValuePair<int, ZendeskInteractionPlan>>();
        foreach (var (index, plan) in plans)
        {
            if (outcomes[index] is not null)
            {
                continue;
            }

            if (itemFailures.TryGetValue(index, out var failure))
            {
                if (wave.Count > 1)
                {
                    retry.Add(index);
                }
                else
                {
                    outcomes[index] = CrmInteractionOutcome.Failed(plan.Interaction, failure);
                }

                continue;
            }

            filesLater.Add(new(index, plan));
        }

        // Calls' files: in one update_many when several calls were written together, else one update each.
        var pending = filesLater.Where(p => p.Value.LaterFiles.Count > 0 && p.Value.Rest.Count == 0).ToList();
        if (pending.Count > 1)
        {
            itemFailures.Clear();
            await RunFilesJobAsync(pending, itemFailures, outcomes, ct).ConfigureAwait(false);
            retry.AddRange(itemFailures.Keys);
        }

        foreach (var (index, plan) in filesLater)
        {
            if (outcomes[index] is not null || itemFailures.ContainsKey(index))
            {
                continue;
            }

            try
            {
                await WriteRestAsync(plan, ct).ConfigureAwait(false);
                await WriteLaterFilesAsync(plan, ct).ConfigureAwait(false);
                outcomes[index] = CrmInteractionOutcome.Succeeded(plan.Interaction, plan.Result());
            }
            catch (CrmRequestFailedException fileFailure)
            {
                outcomes[index] = CrmInteractionOutcome.Failed(plan.Interaction, fileFailure);
            }
        }

        return retry;
    }

    /// <summary>create_many or update_many for the plans' first writes, in jobs of 100; a whole job's failure is each of its interactions'.</summary>
    private async Task RunJobsAsync(
        List<KeyValuePair<int, ZendeskInteractionPlan>> plans, bool create, Dictionary<int, CrmRequestFailedException> itemFailures, CrmInteractionOutcome?[] outcomes, CancellationToken ct)
    {
        foreach (var chunk in plans.Chunk(ManyLimit))
        {
            try
            {
                var items = chunk.Select(p => (JsonNode?)(create
                    ? p.Value.First!.ForCreate(p.Value.Conversation, p.Value.Template, options.Value.TicketTags, (p.Value.Tickets.Count > 0 ? p.Value.Tickets[^1].Id : (long?)null))
                    : p.Value.First!.ForUpdate(ZendeskConversationTickets.Current(p.Value.Tickets)!.Id))).ToArray();
                var body = new JsonObject { ["tickets"] = new JsonArray(items) };
                var submitted = create
                    ? await client.PostAsync<ZendeskJobStatusAnswer>(ZendeskUris.CreateTickets, body, "ticket_create_many", ct).ConfigureAwait(false)
                    : await client.PutAsync<ZendeskJobStatusAnswer>(ZendeskUris.UpdateTickets, body, "ticket_update_many", ct).ConfigureAwait(false);
                var job = await client.CompleteAsync(submitted.JobStatus, ct).ConfigureAwait(false);
                for (var n = 0; n < chunk.Length; n++)
                {
                    var (index, plan) = chunk[n];
                    var ticketId = create ? (long?)null : ZendeskConversationTickets.Current(plan.Tickets)!.Id;
                    // Created results name the input's index (a Failed one carries it as id), updated ones the ticket.
                    var result = create
                        ? job.Results?.FirstOrDefault(r => (r.Index ?? (r.Failed ? (int?)r.Id : null)) == n)
                        : job.Results?.FirstOrDefault(r => r.Id == ticketId);
                    if (result is null || result.Failed || (create && result.Id is null))
                    {
                        if (!create && result is not null && IsCeilingOrClosed(result))
                        {
                            // The ticket is full or closed: the one-ticket path opens the follow-up.
                            plan.FirstWritten(await tickets.WriteAsync(plan.Conversation, plan.Tickets, plan.First!, plan.Template, ct).ConfigureAwait(false));
                            continue;
                        }

                        if (result is not null && plan.First!.LacksVoiceNumbers && ZendeskErrors.IsVoiceCommentInvalid(AsFailure(result)))
                        {
                            // A call whose numbers were not known: logged on its own as a plain comment that says so.
                            plan.First.WithoutVoiceNumbers();
                            plan.FirstWritten(await tickets.WriteAsync(plan.Conversation, plan.Tickets, plan.First, plan.Template, ct).ConfigureAwait(false));
                            continue;
                        }

                        itemFailures[index] = new CrmRequestFailedException(
                            ZendeskErrors.Crm, 0, result?.Error ?? "NotInJobResults",
                            $"{(create ? "create_many" : "update_many")} item {n} ({plan.ActivityKey}): {result?.DetailText ?? "the job's results do not name it"}",
                            retryable: true);
                        continue;
                    }

                    plan.FirstWritten(create ? result.Id!.Value : ticketId!.Value);
                }
            }
            catch (CrmRequestFailedException failure)
            {
                // The request as a whole failed (a limit, an outage): each interaction in it waits for a retry.
                foreach (var (index, plan) in chunk)
                {
                    outcomes[index] = CrmInteractionOutcome.Failed(plan.Interaction, failure);
                }
            }
        }
    }

    /// <summary>update_many with each call's files on a private comment of the ticket its voice comment landed on.</summary>
    private async Task RunFilesJobAsync(
        List<KeyValuePair<int, ZendeskInteractionPlan>> plans, Dictionary<int, CrmRequestFailedException> itemFailures, CrmInteractionOutcome?[] outcomes, CancellationToken ct)
    {
        foreach (var chunk in plans.Chunk(ManyLimit))
        {
            var targets = chunk.Select(p => (Index: p.Key, Plan: p.Value, Target: FilesTarget(p.Value))).ToList();
            try
            {
                var items = targets.Select(t => (JsonNode?)t.Target.Change.ForUpdate(t.Target.TicketId)).ToArray();
                var submitted = await client.PutAsync<ZendeskJobStatusAnswer>(
                    ZendeskUris.UpdateTickets, new JsonObject { ["tickets"] = new JsonArray(items) }, "ticket_update_many", ct).ConfigureAwait(false);
                var job = await client.CompleteAsync(submitted.JobStatus, ct).ConfigureAwait(false);
                foreach (var (index, plan, (change, ticketId)) in targets)
                {
                    var result = job.Results?.FirstOrDefault(r => r.Id == ticketId);
                    if (result is { Failed: false })
                    {
                        foreach (var file in plan.LaterFiles.Select(f => f.File))
                        {
                            plan.Written[file.IdempotencyKey] = ZendeskKeys.Part(ticketId, file.IdempotencyKey);
                        }

                        plan.LaterFiles.Clear();
                        continue;
                    }

                    if (result is not null && IsCeilingOrClosed(result))
                    {
                        continue; // left in LaterFiles: the one-ticket path opens the follow-up
                    }

                    itemFailures[index] = new CrmRequestFailedException(
                        ZendeskErrors.Crm, 0, result?.Error ?? "NotInJobResults",
                        $"update_many files of {plan.ActivityKey}: {result?.DetailText ?? "the job's results do not name it"}", retryable: true);
                }
            }
            catch (CrmRequestFailedException failure)
            {
                foreach (var (index, plan, _) in targets)
                {
                    outcomes[index] = CrmInteractionOutcome.Failed(plan.Interaction, failure);
                }
            }
        }
    }

    private static (ZendeskTicketChange Change, long TicketId) FilesTarget(ZendeskInteractionPlan plan)
    {
        var parent = plan.Written[plan.ActivityKey];
        var change = new ZendeskTicketChange(plan.LaterFiles[0].File.IdempotencyKey);
        ZendeskFileMapper.Attach(change, plan.LaterFiles, parent.RecordId);
        return (change, ZendeskKeys.TicketOf(parent)!.Value);
    }

    private static bool IsCeilingOrClosed(ZendeskJobResult result)
    {
        var failure = AsFailure(result);
        return ZendeskErrors.IsCommentCeiling(failure) || ZendeskErrors.IsClosed(failure);
    }

    private static CrmRequestFailedException AsFailure(ZendeskJobResult result) => new(ZendeskErrors.Crm, 422, result.Error, result.DetailText);

    /// <summary>The writes after the first (one per message, then the activity's comment), in order, each where the last one landed.</summary>
    private async Task WriteRestAsync(ZendeskInteractionPlan plan, CancellationToken ct)
    {
        while (plan.Rest.Count > 0)
        {
            var change = plan.Rest[0];
            var landed = plan.Landed is { } ticket ? plan.TicketsAfter(ticket) : plan.Tickets;
            plan.Wrote(change, await tickets.WriteAsync(plan.Conversation, landed, change, plan.Template, ct).ConfigureAwait(false));
            plan.Rest.RemoveAt(0);
        }
    }

    /// <summary>A call's files, on a private comment of their own once the voice comment exists.</summary>
    private async Task WriteLaterFilesAsync(ZendeskInteractionPlan plan, CancellationToken ct)
    {
        if (plan.LaterFiles.Count == 0)
        {
            return;
        }

        var parent = plan.Written.TryGetValue(plan.ActivityKey, out var activity) ? activity : plan.Interaction.Attachments[0].Parent;
        var change = new ZendeskTicketChange(plan.LaterFiles[0].File.IdempotencyKey);
        ZendeskFileMapper.Attach(change, plan.LaterFiles, parent.RecordId);
        var landed = ZendeskKeys.TicketOf(parent) is { } ticket ? plan.TicketsAfter(ticket) : plan.Tickets;
        var ticketId = await tickets.WriteAsync(plan.Conversation, landed, change, plan.Template, ct).ConfigureAwait(false);
        foreach (var file in plan.LaterFiles.Select(f => f.File))
        {
            plan.Written[file.IdempotencyKey] = ZendeskKeys.Part(ticketId, file.IdempotencyKey);
        }
    }

    private Task<ZendeskInteractionPlan> PlanAsync(CrmInteraction interaction, Dictionary<string, ZendeskFile> tokens, CancellationToken ct) =>
        ZendeskInteractionPlan.BuildAsync(interaction, tickets, uploads, tokens, redactor, ct);
}
