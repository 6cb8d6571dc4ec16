using Connector.Core.Crm;

namespace Connector.Dynamics.Batch;

/// <summary>
/// Sends change sets in <c>$batch</c> requests and settles each one. A set that failed is retried alone, in a batch
/// of its own. A set refused because one of its create-only records exists (412: a replay of work written before)
/// cannot succeed as a transaction, so its requests are sent again side by side, each on its own, where a 412 means
/// "already there"; every request is an upsert or a create-only on a deterministic id, so nothing is written twice.
/// </summary>
internal sealed class DynamicsChangeSetRunner(DynamicsClient client)
{
    /// <summary>Settles every set: packed into as few batches as the limits allow, failures retried alone once.</summary>
    public async Task<IReadOnlyList<DynamicsSetOutcome>> RunAsync(IReadOnlyList<DynamicsChangeSet> sets, int setsPerBatch, CancellationToken ct)
    {
        var outcomes = new DynamicsSetOutcome?[sets.Count];
        foreach (var batch in Pack(Enumerable.Range(0, sets.Count).ToList(), sets, setsPerBatch))
        {
            IReadOnlyList<IReadOnlyList<DynamicsOperationResult>> answers;
            try
            {
                answers = await client.BatchAsync(batch.Select(i => sets[i]).ToList(), ct).ConfigureAwait(false);
            }
            catch (CrmRequestFailedException failure)
            {
                // The batch as a whole was refused (a limit, an outage): nothing in it was written.
                foreach (var index in batch)
                {
                    outcomes[index] = new DynamicsSetOutcome(new Dictionary<string, CrmRecord>(), failure);
                }

                continue;
            }

            for (var n = 0; n < batch.Count; n++)
            {
                var set = sets[batch[n]];
                var outcome = Settle(set, answers[n]);
                if (outcome.IsSuccess)
                {
                    outcomes[batch[n]] = outcome;
                    continue;
                }

                outcomes[batch[n]] = Existed(set, answers[n])
                    ? await SideBySideAsync(set, ct).ConfigureAwait(false)
                    : await AloneAsync(set, ct).ConfigureAwait(false);
            }
        }

        return outcomes.Select(o => o!).ToList();
    }

    /// <summary>One set on its own: as a transaction, or side by side when it replays records that exist.</summary>
    public async Task<DynamicsSetOutcome> RunOneAsync(DynamicsChangeSet set, CancellationToken ct)
    {
        if (set.Operations.Count == 1)
        {
            var operation = set.Operations[0];
            var result = await client.SendAsync(operation, ct).ConfigureAwait(false);
            return Settle(set, [result]);
        }

        return (await RunAsync([set], 1, ct).ConfigureAwait(false))[0];
    }

    private async Task<DynamicsSetOutcome> AloneAsync(DynamicsChangeSet set, CancellationToken ct)
    {
        try
        {
            var answers = await client.BatchAsync([set], ct).ConfigureAwait(false);
            var outcome = Settle(set, answers[0]);
            return outcome.IsSuccess || !Existed(set, answers[0]) ? outcome : await SideBySideAsync(set, ct).ConfigureAwait(false);
        }
        catch (CrmRequestFailedException failure)
        {
            return new DynamicsSetOutcome(new Dictionary<string, CrmRecord>(), failure);
        }
    }

    private async Task<DynamicsSetOutcome> SideBySideAsync(DynamicsChangeSet set, CancellationToken ct)
    {
        var loose = set.Operations.Select(DynamicsChangeSet.Alone).ToList();
        try
        {
            var answers = await client.BatchAsync(loose, ct).ConfigureAwait(false);
            return Settle(set, answers.Select(a => a[0]).ToList());
        }
        catch (CrmRequestFailedException failure)
        {
            return new DynamicsSetOutcome(new Dictionary<string, CrmRecord>(), failure);
        }
    }

    /// <summary>Every request answered and succeeded, or the first failure (a failed change set answers once, for all).</summary>
    private static DynamicsSetOutcome Settle(DynamicsChangeSet set, IReadOnlyList<DynamicsOperationResult> answers)
    {
        var written = new Dictionary<string, CrmRecord>(StringComparer.Ordinal);
        if (answers.Count != set.Operations.Count)
        {
            var failed = answers.FirstOrDefault(a => a.Status >= 400) ?? (answers.Count > 0 ? answers[0] : null);
            return new DynamicsSetOutcome(written, failed?.Failure(set.Operations[0])
                ?? new CrmRequestFailedException(DynamicsErrors.Crm, 0, null, "$batch: a change set without an answer", retryable: true));
        }

        for (var i = 0; i < answers.Count; i++)
        {
            var operation = set.Operations[i];
            if (!answers[i].Succeeded(operation))
            {
                return new DynamicsSetOutcome(new Dictionary<string, CrmRecord>(), answers[i].Failure(operation));
            }

            if (operation is { Key: { } key, Writes: { } record })
            {
                written[key] = record;
            }
        }

        return new DynamicsSetOutcome(written, null);
    }

    private static bool Existed(DynamicsChangeSet set, IReadOnlyList<DynamicsOperationResult> answers) =>
        set.Operations.Any(o => o.Mode == DynamicsWriteMode.CreateOnly)
        && answers.Any(a => a.Status == 412 && a.Error?.Code != DynamicsErrors.DuplicateDetected);

    /// <summary>Whole sets into batches of at most <paramref name="setsPerBatch"/> sets and 1000 requests (a set is never split).</summary>
    private static IEnumerable<List<int>> Pack(List<int> indexes, IReadOnlyList<DynamicsChangeSet> sets, int setsPerBatch)
    {
        var batch = new List<int>();
        var requests = 0;
        foreach (var index in indexes)
        {
            var size = sets[index].Operations.Count;
            if (batch.Count > 0 && (batch.Count >= setsPerBatch || requests + size > DynamicsClient.MaxRequestsPerBatch))
            {
                yield return batch;
                batch = [];
                requests = 0;
            }

            batch.Add(index);
            requests += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }
}
