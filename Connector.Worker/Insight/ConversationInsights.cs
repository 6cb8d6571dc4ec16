using Connector.Worker.Api;

namespace Connector.Worker.Insight;

/// <summary>
/// Adds the kept insight to a conversation as the API shows it: each analysed timeline entry gains its sentiment and
/// topics, and the conversation its interactions' summaries. An entry not analysed yet (open work) has none.
/// </summary>
internal sealed class ConversationInsights(InsightStore insights)
{
    public async Task<ConversationResponse> AddToAsync(ConversationResponse conversation, CancellationToken ct)
    {
        var kept = await insights.ListForConversationAsync(conversation.Id, ct);
        if (kept.Count == 0)
        {
            return conversation;
        }

        var byEvent = kept.SelectMany(i => i.Turns).ToLookup(t => t.TimelineEventId);
        return conversation with
        {
            Timeline = [.. conversation.Timeline.Select(e => byEvent[e.Id].ToList() is { Count: > 0 } turns
                ? e with
                {
                    Insight = new TimelineInsightResponse(
                        Math.Round(turns.Average(t => t.Sentiment), 4), turns[0].Method,
                        [.. turns.SelectMany(t => t.Topics).Distinct(StringComparer.Ordinal)],
                        turns[0].Line is null ? null : [.. turns.Select(t => new PhraseInsightResponse(t.Line!.Value, t.Speaker, t.Sentiment, t.Topics))]),
                }
                : e)],
            Insights = [.. kept.Select(i => new InteractionInsightResponse(
                i.TaskId, i.Channel, i.Queue, i.AgentId, i.EndedAt, i.TurnCount, i.Overall, i.Start, i.End, i.Trend, i.Participants, i.Topics, i.Summary()))],
            InsightSummary = ConversationRollUp.Of(kept),
        };
    }
}
