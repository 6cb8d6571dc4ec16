using Connector.Core.Channels;
using Connector.Core.Compliance;
using Connector.Core.Crm;
using Connector.HubSpot.Mapping;
using Microsoft.Extensions.Options;

namespace Connector.HubSpot;

/// <summary>
/// Logs whole interactions in as few requests as HubSpot allows: the files uploaded first (the Files API has no
/// batch; several at once), then one batch upsert per activity object carrying the file ids in
/// <c>hs_attachment_ids</c>, one for the tickets, and one v4 association batch per object pair. Every write is keyed,
/// so sending an interaction twice writes nothing twice. An interaction that failed inside a batch (a 207 entry)
/// is sent again alone; one whose request failed as a whole reports that failure for its job to retry.
/// </summary>
public sealed class HubSpotInteractionWriter(
    HubSpotClient client, HubSpotUpserts upserts, HubSpotFiles files, HubSpotCallOutcomes outcomes, SensitiveDataRedactor redactor, IOptions<HubSpotOptions> options) : ICrmInteractionWriter
{
    private readonly HubSpotOptions _options = options.Value;

    public async Task<CrmInteractionResult> WriteInteractionAsync(CrmInteraction interaction, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var outcome = (await WriteInteractionsAsync([interaction], ct).ConfigureAwait(false))[0];
        return outcome.Result ?? throw outcome.Failure!;
    }

    public async Task<IReadOnlyList<CrmInteractionOutcome>> WriteInteractionsAsync(IReadOnlyList<CrmInteraction> interactions, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        var plans = interactions.Select(i => new Plan(i)).ToList();
        await WriteAsync(plans, ct).ConfigureAwait(false);
        var retried = new List<Plan>();
        foreach (var plan in plans.Where(p => p.FailedInBatch))
        {
            // Failed inside a batch that otherwise went through: once more on its own, reusing what it did write.
            var again = new Plan(plan.Interaction, plan.Written) { RecordingUrl = plan.RecordingUrl };
            await WriteAsync([again], ct).ConfigureAwait(false);
            retried.Add(again);
        }

        return plans.Select(p => retried.FirstOrDefault(r => r.Interaction == p.Interaction) ?? p)
            .Select(p => p.Failure is null
                ? CrmInteractionOutcome.Succeeded(p.Interaction, new CrmInteractionResult(p.Written))
                : CrmInteractionOutcome.Failed(p.Interaction, p.Failure))
            .ToList();
    }

    private async Task WriteAsync(IReadOnlyList<Plan> plans, CancellationToken ct)
    {
        await UploadAsync(plans, ct).ConfigureAwait(false);
        await RunAsync(plans.Where(p => p.Failure is null && !p.Written.ContainsKey(p.Interaction.Activity.IdempotencyKey)).ToList(), UpsertActivitiesAsync, ct).ConfigureAwait(false);
        // A ticket is written even when its activity failed inside the batch: the retry then has only the activity to send.
        await RunAsync(plans.Where(p => (p.Failure is null || p.FailedInBatch) && p.Interaction.Case is { } c && !p.Written.ContainsKey(c.IdempotencyKey)).ToList(), UpsertTicketsAsync, ct).ConfigureAwait(false);
        await RunAsync(plans.Where(p => p.Failure is null).ToList(), AssociateAsync, ct).ConfigureAwait(false);
    }

    /// <summary>A step over several plans: a failure of its request as a whole is every plan's failure.</summary>
    private static async Task RunAsync(List<Plan> plans, Func<List<Plan>, CancellationToken, Task> step, CancellationToken ct)
    {
        if (plans.Count == 0)
        {
            return;
        }

        try
        {
            await step(plans, ct).ConfigureAwait(false);
        }
        catch (CrmRequestFailedException failure)
        {
            plans.ForEach(p => p.Failure ??= failure);
        }
    }

    private async Task UploadAsync(IReadOnlyList<Plan> plans, CancellationToken ct)
    {
        using var gate = new SemaphoreSlim(_options.ParallelUploads);
        var uploads = plans.SelectMany(p => p.Interaction.Attachments.Where(a => !p.Written.ContainsKey(a.IdempotencyKey)).Select(a => (Plan: p, File: a))).Select(async u =>
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                if (u.Plan.Failure is not null)
                {
                    return;
                }

                var file = await files.UploadAsync(u.File, ct).ConfigureAwait(false);
                var playback = HubSpotFiles.IsRecording(u.File) && u.Plan.Interaction.Activity.Channel == Channel.Voice
                    ? await files.PlaybackUrlAsync(file.Id, ct).ConfigureAwait(false)
                    : null;
                lock (u.Plan)
                {
                    u.Plan.Written[u.File.IdempotencyKey] = new CrmRecord(HubSpotObjectTypes.Files, file.Id);
                    u.Plan.RecordingUrl ??= playback;
                }
            }
            catch (CrmRequestFailedException failure)
            {
                lock (u.Plan)
                {
                    u.Plan.Failure ??= failure;
                }
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        await Task.WhenAll(uploads).ConfigureAwait(false);
    }

    private async Task UpsertActivitiesAsync(List<Plan> plans, CancellationToken ct)
    {
        foreach (var group in plans.GroupBy(p => HubSpotObjectTypes.Of(p.Interaction.Activity.Channel)))
        {
            var records = new List<Dictionary<string, string?>>();
            foreach (var plan in group)
            {
                var activity = plan.Interaction.Activity;
                var disposition = activity.Channel == Channel.Voice ? await outcomes.IdOfAsync(client, activity.Disposition, ct).ConfigureAwait(false) : null;
                var fileIds = plan.Interaction.Attachments.Select(a => plan.Written[a.IdempotencyKey].RecordId).ToList();
                var properties = HubSpotActivityMapper.ToProperties(activity, _options.KeyProperty, disposition, fileIds, redactor);
                if (plan.RecordingUrl is not null)
                {
                    properties["hs_call_recording_url"] = plan.RecordingUrl;
                }

                records.Add(properties);
            }

            var results = await upserts.UpsertAsync(group.Key, records, ct).ConfigureAwait(false);
            foreach (var plan in group)
            {
                Apply(plan, plan.Interaction.Activity.IdempotencyKey, results);
            }
        }
    }

    private async Task UpsertTicketsAsync(List<Plan> plans, CancellationToken ct)
    {
        var records = plans.Select(p => HubSpotTicketMapper.ToProperties(p.Interaction.Case!, _options, redactor)).ToList();
        var results = await upserts.UpsertAsync(HubSpotObjectTypes.Tickets, records, ct).ConfigureAwait(false);
        foreach (var plan in plans)
        {
            Apply(plan, plan.Interaction.Case!.IdempotencyKey, results);
        }
    }

    private async Task AssociateAsync(List<Plan> plans, CancellationToken ct)
    {
        var links = new List<HubSpotAssociations.Link>();
        foreach (var plan in plans)
        {
            var contact = plan.Interaction.Activity.Contact.RecordId;
            var activity = plan.Written[plan.Interaction.Activity.IdempotencyKey];
            links.Add(HubSpotAssociations.ToContact(activity.RecordType, activity.RecordId, contact));
            if (plan.Interaction.Case is { } crmCase)
            {
                var ticket = plan.Written[crmCase.IdempotencyKey];
                links.Add(HubSpotAssociations.ToContact(HubSpotObjectTypes.Tickets, ticket.RecordId, crmCase.Contact.RecordId));
                links.Add(HubSpotAssociations.ActivityAndTicket(activity.RecordType, activity.RecordId, ticket.RecordId));
            }
            else if (plan.Interaction.Activity.Case is { } known)
            {
                // A ticket written before (linked in crm_links): the activity joins it.
                links.Add(HubSpotAssociations.ActivityAndTicket(activity.RecordType, activity.RecordId, known.RecordId));
            }
        }

        await upserts.AssociateAsync(links, ct).ConfigureAwait(false);
    }

    private static void Apply(Plan plan, string key, Dictionary<string, HubSpotUpserts.Result> results)
    {
        var result = results[key];
        if (result.Record is { } record)
        {
            plan.Written[key] = record;
        }
        else
        {
            plan.Failure ??= result.Failure;
            plan.FailedInBatch = true;
        }
    }

    /// <summary>One interaction on its way: what it has written so far (by key), and its first failure.</summary>
    private sealed class Plan(CrmInteraction interaction, IReadOnlyDictionary<string, CrmRecord>? known = null)
    {
        public CrmInteraction Interaction { get; } = interaction;

        public Dictionary<string, CrmRecord> Written { get; } = new(known ?? new Dictionary<string, CrmRecord>(), StringComparer.Ordinal);

        public string? RecordingUrl { get; set; }

        public CrmRequestFailedException? Failure { get; set; }

        /// <summary>Its own input failed inside a batch that otherwise went through (a 207 entry), not the whole request.</summary>
        public bool FailedInBatch { get; set; }
    }
}
