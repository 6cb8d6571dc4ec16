using Connector.Core.Compliance;
using Connector.Core.Crm;
using Connector.Dynamics.Batch;
using Connector.Dynamics.Mapping;
using Microsoft.Extensions.Options;

namespace Connector.Dynamics;

/// <summary>
/// Logs whole interactions through <c>$batch</c>: each interaction is one change set (case, activity regarding it by
/// Content-ID, transcript note, files), and many interactions ride in one batch with <c>odata.continue-on-error</c>,
/// so a failing interaction is rolled back alone while the others are kept; it is then retried alone. Files too
/// large for one request follow the batch through the attachment writer.
/// </summary>
public sealed class DynamicsInteractionWriter(
    DynamicsClient client, ICrmAttachmentWriter attachments, SensitiveDataRedactor redactor, IOptions<DynamicsOptions> options) : ICrmInteractionWriter
{
    private readonly DynamicsTables _tables = new(options.Value);

    public async Task<CrmInteractionResult> WriteInteractionAsync(CrmInteraction interaction, CancellationToken ct)
    {
        var outcome = (await WriteInteractionsAsync([interaction], ct).ConfigureAwait(false))[0];
        return outcome.Result ?? throw outcome.Failure!;
    }

    public async Task<IReadOnlyList<CrmInteractionOutcome>> WriteInteractionsAsync(IReadOnlyList<CrmInteraction> interactions, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        var plans = new List<(CrmInteraction Interaction, DynamicsChangeSet Set, List<CrmAttachment> Later, CrmRecord Activity)>();
        foreach (var interaction in interactions)
        {
            plans.Add(await PlanAsync(interaction, ct).ConfigureAwait(false));
        }

        var settled = await new DynamicsChangeSetRunner(client).RunAsync(plans.Select(p => p.Set).ToList(), options.Value.InteractionsPerBatch, ct).ConfigureAwait(false);
        var outcomes = new List<CrmInteractionOutcome>(plans.Count);
        for (var i = 0; i < plans.Count; i++)
        {
            var (interaction, _, later, activity) = plans[i];
            if (settled[i].Failure is { } failure)
            {
                outcomes.Add(CrmInteractionOutcome.Failed(interaction, failure));
                continue;
            }

            var written = settled[i].Written.Where(w => !w.Key.EndsWith(":note", StringComparison.Ordinal)).ToDictionary(w => w.Key, w => w.Value, StringComparer.Ordinal);
            try
            {
                foreach (var file in later)
                {
                    written[file.IdempotencyKey] = await attachments.AttachAsync(file with { Parent = activity }, ct).ConfigureAwait(false);
                }

                outcomes.Add(CrmInteractionOutcome.Succeeded(interaction, new CrmInteractionResult(written)));
            }
            catch (CrmRequestFailedException fileFailure)
            {
                outcomes.Add(CrmInteractionOutcome.Failed(interaction, fileFailure));
            }
        }

        return outcomes;
    }

    /// <summary>The case first (the activity is regarding it), then the activity, its transcript note and the files that fit in one request.</summary>
    private async Task<(CrmInteraction, DynamicsChangeSet, List<CrmAttachment>, CrmRecord)> PlanAsync(CrmInteraction interaction, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var settings = options.Value;
        var operations = new List<DynamicsOperation>();
        var activity = interaction.Activity;
        if (interaction.Case is { } crmCase)
        {
            // The sync does not say where a case came in; the interaction it is opened for does.
            var upsert = DynamicsCaseMapper.Upsert(crmCase with { Origin = crmCase.Origin ?? activity.Channel }, _tables, settings, redactor);
            operations.Add(upsert);
            activity = activity with { Case = upsert.Writes };
        }

        var write = DynamicsActivityMapper.Activity(activity, _tables, settings, redactor);
        operations.Add(write);
        if (DynamicsActivityMapper.TranscriptNote(activity, write.Writes!, _tables, redactor) is { } note)
        {
            operations.Add(note);
        }

        var later = new List<CrmAttachment>();
        foreach (var file in interaction.Attachments)
        {
            if (file.Length > settings.InlineFileMaxBytes)
            {
                later.Add(file);
                continue;
            }

            var data = await DynamicsAnnotationMapper.ReadAsync(file, redactor, ct).ConfigureAwait(false);
            operations.Add(DynamicsAnnotationMapper.Inline(file, write.Writes!, data, _tables));
        }

        return (interaction, DynamicsChangeSet.Of(operations), later, write.Writes!);
    }
}
