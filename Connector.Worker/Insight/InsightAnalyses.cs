using Connector.Ai.Insight;
using Connector.Core.Insight;
using Connector.Core.Outbox;
using Connector.Worker.InteractionAnalysis;

namespace Connector.Worker.Insight;

/// <summary>
/// Analyses a finished task once: every message and transcript phrase of its part of the conversation scored and
/// sorted into topics, and the interaction's sentiment from them (<see cref="ConversationSentiment"/>). An analysis
/// already kept is returned as it is, so the <c>insight.analyse</c> job and the CRM sync may ask in either order.
/// </summary>
internal sealed class InsightAnalyses(
    FinishedInteractions finished, TurnAnalyzer analyzer, InsightStore saved, TimeProvider time, ILogger<InsightAnalyses> logger) : IInteractionAnalysis
{
    public Task RunAsync(Guid conversationId, InteractionSyncPayload work, CancellationToken ct) => EnsureAsync(conversationId, work, ct);

    public async Task<StoredInsight> EnsureAsync(Guid conversationId, InteractionSyncPayload work, CancellationToken ct)
    {
        if (await saved.GetForTaskAsync(work.TaskId, ct) is { } kept)
        {
            return kept;
        }

        var task = await finished.TaskAsync("Insight", work, ct);
        var interaction = await finished.ReadAsync("Insight", conversationId, task, work, ct);
        var turns = await analyzer.AnalyseAsync(interaction, ct);
        var sentiment = ConversationSentiment.Of([.. turns.Select(t => new ScoredTurn(t.Speaker, t.At, t.Sentiment))]);
        var topics = turns.SelectMany(t => t.Topics).GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var insight = new StoredInsight(
            Guid.CreateVersion7(), conversationId, task.Id, work.Channel, task.Queue, work.AgentId, work.WrappedUpAt, time.GetUtcNow(), turns.Count,
            Round(sentiment?.Overall), Round(sentiment?.Start), Round(sentiment?.End),
            sentiment?.PerParticipant.ToDictionary(p => p.Key, p => Math.Round(p.Value, 4), StringComparer.Ordinal) ?? [],
            topics, turns);
        if (!await saved.AddAsync(insight, ct))
        {
            // Another run kept its analysis first: theirs stands.
            return await saved.GetForTaskAsync(task.Id, ct) ?? insight;
        }

        logger.LogInformation("Insight of task {TaskId}: {Turns} turns, sentiment {Overall}, {Topics} topics", task.Id, turns.Count, insight.Overall, topics.Count);
        return insight;
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;
}
