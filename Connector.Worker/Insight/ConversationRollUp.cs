using Connector.Ai.Insight;

namespace Connector.Worker.Insight;

/// <summary>
/// The whole conversation's insight, across its channels and agents: every scored turn of every analysed interaction
/// in the order it was said, weighed as one interaction is (<see cref="ConversationSentiment"/>: end-weighted, start
/// and end thirds, per participant), with each topic's count of turns and the channels the analysed work covered.
/// </summary>
/// <remarks>
/// Computed when the conversation is read, from the turns the read loads anyway, rather than kept: an interaction
/// analysed late (its wrap-up ran out after a later one's) or purged by retention changes it, and nothing kept can go
/// stale that way. A conversation holds tens of turns, so the cost is a loop over what is already in memory.
/// </remarks>
/// <param name="Channels">The channels of the analysed interactions, in the order their work ended.</param>
/// <param name="Direction"><c>improving</c>, <c>worsening</c> or <c>steady</c> (a trend within <see cref="InsightAggregate.SteadyBand"/>); null with no turn.</param>
public sealed record ConversationRollUp(
    int Interactions, int Turns, double? Sentiment, double? Start, double? End, double? Trend, string? Direction,
    IReadOnlyDictionary<string, double> Participants, IReadOnlyDictionary<string, int> Topics, IReadOnlyList<string> Channels)
{
    /// <returns>Null when no interaction of the conversation was analysed yet.</returns>
    internal static ConversationRollUp? Of(IReadOnlyList<StoredInsight> kept)
    {
        if (kept.Count == 0)
        {
            return null;
        }

        // Ties in time keep the order of the work, then of the turns within it.
        var turns = kept.OrderBy(i => i.EndedAt).ThenBy(i => i.Id)
            .SelectMany(i => i.Turns)
            .Select((t, order) => (Turn: t, Order: order))
            .OrderBy(x => x.Turn.At).ThenBy(x => x.Order)
            .Select(x => x.Turn)
            .ToList();
        var sentiment = ConversationSentiment.Of([.. turns.Select(t => new ScoredTurn(t.Speaker, t.At, t.Sentiment))]);
        return new ConversationRollUp(
            kept.Count, turns.Count, Round(sentiment?.Overall), Round(sentiment?.Start), Round(sentiment?.End), Round(sentiment?.Trend),
            sentiment is null ? null : SentimentTrend.Name(sentiment.Trend),
            sentiment?.PerParticipant.ToDictionary(p => p.Key, p => Math.Round(p.Value, 4), StringComparer.Ordinal) ?? [],
            turns.SelectMany(t => t.Topics).GroupBy(t => t, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            [.. kept.OrderBy(i => i.EndedAt).Select(i => i.Channel).Distinct(StringComparer.Ordinal)]);
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;
}
