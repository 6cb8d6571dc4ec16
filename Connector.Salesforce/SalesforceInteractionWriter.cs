using Connector.Core.Compliance;
using Connector.Core.Crm;
using Connector.Salesforce.Wire;
using Microsoft.Extensions.Options;

namespace Connector.Salesforce;

/// <summary>
/// Logs whole interactions through the Composite API: case, activity and files of one interaction chained by
/// reference, and several interactions packed into one request of up to 25 subrequests (one API call). A batch
/// runs with allOrNone off, so one failing record does not roll back the others; an interaction with a failure is
/// then sent again alone, all or none. Every subrequest is an upsert or a create of a Unique key, so sending an
/// interaction twice writes nothing twice.
/// </summary>
public sealed class SalesforceInteractionWriter(
    SalesforceClient client, ICrmAttachmentWriter attachments, SensitiveDataRedactor redactor, IOptions<SalesforceOptions> options) : ICrmInteractionWriter
{
    private const string ProcessingHalted = "PROCESSING_HALTED";

    public async Task<CrmInteractionResult> WriteInteractionAsync(CrmInteraction interaction, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var outcome = await WriteAloneAsync(interaction, new Dictionary<string, CrmRecord>(StringComparer.Ordinal), ct).ConfigureAwait(false);
        return outcome.Result ?? throw outcome.Failure!;
    }

    public async Task<IReadOnlyList<CrmInteractionOutcome>> WriteInteractionsAsync(IReadOnlyList<CrmInteraction> interactions, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        var plans = new List<SalesforceInteractionPlan>(interactions.Count);
        for (var i = 0; i < interactions.Count; i++)
        {
            plans.Add(await PlanAsync(interactions[i], $"i{i}", new Dictionary<string, CrmRecord>(StringComparer.Ordinal), ct).ConfigureAwait(false));
        }

        var outcomes = new CrmInteractionOutcome?[plans.Count];
        foreach (var batch in Pack(plans))
        {
            IReadOnlyList<(SalesforceInteractionPlan Plan, Dictionary<string, CrmRecord> Written, CrmRequestFailedException? Failure)> results;
            try
            {
                results = await SendAsync(batch, allOrNone: false, ct).ConfigureAwait(false);
            }
            catch (CrmRequestFailedException failure)
            {
                // The request as a whole failed (a limit, an outage): nothing in it was written; each waits for a retry.
                foreach (var plan in batch)
                {
                    outcomes[plans.IndexOf(plan)] = CrmInteractionOutcome.Failed(plan.Interaction, failure);
                }

                continue;
            }

            foreach (var (plan, written, failure) in results)
            {
                var index = plans.IndexOf(plan);
                outcomes[index] = failure is null
                    ? await FinishAsync(plan, written, ct).ConfigureAwait(false)
                    : await WriteAloneAsync(plan.Interaction, written, ct).ConfigureAwait(false);
            }
        }

        return outcomes.Select(o => o!).ToList();
    }

    /// <summary>One interaction, all or none, reusing what an earlier attempt is known to have written.</summary>
    private async Task<CrmInteractionOutcome> WriteAloneAsync(CrmInteraction interaction, Dictionary<string, CrmRecord> known, CancellationToken ct)
    {
        try
        {
            var plan = await PlanAsync(interaction, "", known, ct).ConfigureAwait(false);
            if (plan.Subrequests.Count == 0)
            {
                return await FinishAsync(plan, new Dictionary<string, CrmRecord>(plan.Known, StringComparer.Ordinal), ct).ConfigureAwait(false);
            }

            var (_, written, failure) = (await SendAsync([plan], allOrNone: true, ct).ConfigureAwait(false))[0];
            if (failure is { ErrorCode: ProcessingHalted } && written.Count > known.Count && known.Count < 8)
            {
                // A replayed create answered DUPLICATE_VALUE and so rolled the rest back: go again with that record known.
                return await WriteAloneAsync(interaction, written, ct).ConfigureAwait(false);
            }

            return failure is null ? await FinishAsync(plan, written, ct).ConfigureAwait(false) : CrmInteractionOutcome.Failed(interaction, failure);
        }
        catch (CrmRequestFailedException failure)
        {
            return CrmInteractionOutcome.Failed(interaction, failure);
        }
    }

    private Task<SalesforceInteractionPlan> PlanAsync(CrmInteraction interaction, string prefix, IReadOnlyDictionary<string, CrmRecord> known, CancellationToken ct) =>
        SalesforceInteractionPlan.BuildAsync(interaction, prefix, known, client.Uris, options.Value, redactor, ct);

    /// <summary>Whole interactions into requests of at most 25 subrequests (an interaction is never split).</summary>
    private static IEnumerable<List<SalesforceInteractionPlan>> Pack(IEnumerable<SalesforceInteractionPlan> plans)
    {
        var batch = new List<SalesforceInteractionPlan>();
        var size = 0;
        foreach (var plan in plans)
        {
            if (size + plan.Subrequests.Count > SalesforceCompositeRequest.MaxSubrequests && batch.Count > 0)
            {
                yield return batch;
                batch = [];
                size = 0;
            }

            batch.Add(plan);
            size += plan.Subrequests.Count;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private async Task<IReadOnlyList<(SalesforceInteractionPlan Plan, Dictionary<string, CrmRecord> Written, CrmRequestFailedException? Failure)>> SendAsync(
        IReadOnlyList<SalesforceInteractionPlan> batch, bool allOrNone, CancellationToken ct)
    {
        var request = new SalesforceCompositeRequest(allOrNone, CollateSubrequests: false, batch.SelectMany(p => p.Subrequests).ToList());
        var response = request.CompositeRequest.Count == 0 ? null : await client.CompositeAsync(request, ct).ConfigureAwait(false);
        var byReference = response?.CompositeResponse.ToDictionary(r => r.ReferenceId, StringComparer.Ordinal) ?? [];
        var results = new List<(SalesforceInteractionPlan, Dictionary<string, CrmRecord>, CrmRequestFailedException?)>();
        foreach (var plan in batch)
        {
            var written = new Dictionary<string, CrmRecord>(plan.Known, StringComparer.Ordinal);
            CrmRequestFailedException? failure = null;
            CrmRequestFailedException? halted = null;
            var duplicates = new Dictionary<string, CrmRecord>(StringComparer.Ordinal);
            foreach (var sub in plan.Subrequests)
            {
                if (!byReference.TryGetValue(sub.ReferenceId, out var answer))
                {
                    failure ??= new CrmRequestFailedException(SalesforceErrors.Crm, 200, null, $"composite: no answer for {sub.ReferenceId}", retryable: true);
                    continue;
                }

                if (answer.HttpStatusCode is >= 200 and < 300)
                {
                    var id = answer.Body.ValueKind == System.Text.Json.JsonValueKind.Object && answer.Body.TryGetProperty("id", out var value) ? value.GetString() : null;
                    id ??= plan.Known.TryGetValue(plan.KeyOf(sub.ReferenceId), out var known) ? known.RecordId : null;
                    if (id is not null)
                    {
                        written[plan.KeyOf(sub.ReferenceId)] = new CrmRecord(plan.TypeOf(sub.ReferenceId), id);
                    }

                    continue;
                }

                var errors = SalesforceErrors.Parse(answer.Body);
                if (SalesforceErrors.DuplicateRecordId(errors) is { } existing)
                {
                    written[plan.KeyOf(sub.ReferenceId)] = new CrmRecord(plan.TypeOf(sub.ReferenceId), existing);
                    duplicates[plan.KeyOf(sub.ReferenceId)] = written[plan.KeyOf(sub.ReferenceId)];
                    continue;
                }

                var exception = SalesforceErrors.ToException(answer.HttpStatusCode, errors, $"composite {plan.TypeOf(sub.ReferenceId)}");
                if (errors.Any(e => e.Code == ProcessingHalted))
                {
                    // Halted because something else failed (or all-or-none rolled back): not the cause, and worth a retry.
                    halted ??= new CrmRequestFailedException(SalesforceErrors.Crm, answer.HttpStatusCode, ProcessingHalted, exception.Message, retryable: true);
                }
                else
                {
                    failure ??= exception;
                }
            }

            failure ??= halted;
            if (failure is not null && allOrNone)
            {
                // Rolled back: nothing of this attempt exists; only what was known before, or found as a duplicate, does.
                written = new Dictionary<string, CrmRecord>(plan.Known, StringComparer.Ordinal);
                foreach (var (key, record) in duplicates)
                {
                    written[key] = record;
                }
            }

            results.Add((plan, written, failure));
        }

        return results;
    }

    /// <summary>Large files go up as multipart once the activity exists.</summary>
    private async Task<CrmInteractionOutcome> FinishAsync(SalesforceInteractionPlan plan, Dictionary<string, CrmRecord> written, CancellationToken ct)
    {
        try
        {
            foreach (var file in plan.LargeFiles)
            {
                var parent = written[plan.ActivityKey];
                written[file.IdempotencyKey] = await attachments.AttachAsync(file with { Parent = parent }, ct).ConfigureAwait(false);
            }
        }
        catch (CrmRequestFailedException failure)
        {
            return CrmInteractionOutcome.Failed(plan.Interaction, failure);
        }

        // The email's sender relation is part of the email, not a record of its own to keep a link for.
        var records = written.Where(w => w.Value.RecordType != "EmailMessageRelation").ToDictionary(w => w.Key, w => w.Value, StringComparer.Ordinal);
        return CrmInteractionOutcome.Succeeded(plan.Interaction, new CrmInteractionResult(records));
    }
}
