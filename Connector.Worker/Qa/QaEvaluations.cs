using Connector.Core.Channels;
using Connector.Core.Outbox;
using Connector.Core.Qa;
using Connector.Core.Routing.Policy;
using Connector.Worker.InteractionAnalysis;

namespace Connector.Worker.Qa;

/// <summary>
/// Scores a finished task against every form of the charter that applies to its channel and queue, once: an
/// evaluation already kept is returned as it is. Both the <c>qa.evaluate</c> job and the CRM sync (which carries the
/// scores to the CRM) ask for it, in whichever order they run; the second finds the first's.
/// </summary>
internal sealed class QaEvaluations(
    FinishedInteractions finished, RoutingPolicy policy, QaForms forms, QaEvaluationStore saved, FormEvaluator evaluator, TimeProvider time,
    ILogger<QaEvaluations> logger) : IInteractionAnalysis
{
    public Task RunAsync(Guid conversationId, InteractionSyncPayload work, CancellationToken ct) => EnsureAsync(conversationId, work, ct);

    public async Task<IReadOnlyList<StoredQaEvaluation>> EnsureAsync(Guid conversationId, InteractionSyncPayload work, CancellationToken ct)
    {
        if (!ChannelNames.TryParse(work.Channel, out var channel))
        {
            throw new InvalidOperationException($"QA of task {work.TaskId} names channel '{work.Channel}', which is not one of {string.Join(", ", ChannelNames.All)}.");
        }

        if (!forms.Any(channel))
        {
            return [];
        }

        var task = await finished.TaskAsync("QA", work, ct);
        var applicable = forms.For(channel, task.Queue);
        var kept = await saved.ListForTaskAsync(task.Id, ct);
        var missing = applicable.Where(f => kept.All(k => k.Form != f.Name)).ToList();
        if (missing.Count == 0)
        {
            return kept;
        }

        var interaction = await finished.ReadAsync("QA", conversationId, task, work, ct);
        foreach (var form in missing)
        {
            var evaluation = await evaluator.EvaluateAsync(form, interaction, policy.For(channel), ct);
            await saved.AddAsync(new StoredQaEvaluation(
                Guid.CreateVersion7(), conversationId, task.Id, form.Name, work.Channel, task.Queue, work.AgentId, evaluation.Score,
                work.WrappedUpAt, time.GetUtcNow(), evaluation.Answers), ct);
            logger.LogInformation("QA of task {TaskId} on form {Form}: {Score} over {Turns} turns", task.Id, form.Name, evaluation.Score, interaction.Turns.Count);
        }

        return await saved.ListForTaskAsync(task.Id, ct);
    }
}
