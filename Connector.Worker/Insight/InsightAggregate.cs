namespace Connector.Worker.Insight;

/// <summary>
/// One group's figures in <c>GET /api/insights</c>: how many interactions and turns, their mean end-weighted
/// sentiment, the customer's mean, the mean trend and how many got better or worse, and per topic how many
/// interactions touched it. Means are over the interactions that had turns; null when none had.
/// </summary>
/// <param name="Key">The channel, queue or agent; null for work of no queue.</param>
internal sealed record InsightAggregate(
    string? Key, int Interactions, int Turns, double? Sentiment, double? CustomerSentiment, double? Trend, int Improving, int Worsening,
    IReadOnlyDictionary<string, int> Topics)
{
    /// <summary>A trend smaller than this either way is steady, not better or worse.</summary>
    public const double SteadyBand = 0.05;

    public static IReadOnlyList<InsightAggregate> Of(IEnumerable<StoredInsight> insights, InsightGrouping groupBy) =>
        [.. insights
            .GroupBy(i => groupBy switch { InsightGrouping.Channel => i.Channel, InsightGrouping.Queue => i.Queue, _ => i.AgentId })
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var scored = g.Where(i => i.Overall is not null).ToList();
                var customer = scored.Where(i => i.Participants.ContainsKey(Core.Insight.TurnInsight.Customer)).ToList();
                return new InsightAggregate(
                    g.Key, g.Count(), scored.Sum(i => i.TurnCount),
                    Mean(scored.Select(i => i.Overall!.Value)),
                    Mean(customer.Select(i => i.Participants[Core.Insight.TurnInsight.Customer])),
                    Mean(scored.Select(i => i.Trend!.Value)),
                    scored.Count(i => i.Trend > SteadyBand), scored.Count(i => i.Trend < -SteadyBand),
                    g.SelectMany(i => i.Topics.Keys).GroupBy(t => t, StringComparer.Ordinal).OrderBy(t => t.Key, StringComparer.Ordinal)
                        .ToDictionary(t => t.Key, t => t.Count(), StringComparer.Ordinal));
            })];

    private static double? Mean(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? null : Math.Round(list.Average(), 4);
    }
}
