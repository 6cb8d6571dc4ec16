namespace Connector.Ai.Insight;

/// <summary>
/// A conversation's sentiment from its turns: per participant (the plain mean), overall (end-weighted: turn i of n
/// counts i, so how the conversation ended outweighs how it began, as Contact Lens and Dynamics weigh it), and the
/// trend from start (the first third's mean) to end (the last third's).
/// </summary>
public sealed record ConversationSentiment(
    double Overall, double Start, double End, IReadOnlyDictionary<string, double> PerParticipant)
{
    /// <summary>End minus start: above 0 the conversation got better.</summary>
    public double Trend => End - Start;

    /// <summary>Null when there is no turn to score.</summary>
    public static ConversationSentiment? Of(IReadOnlyList<ScoredTurn> turns)
    {
        ArgumentNullException.ThrowIfNull(turns);
        if (turns.Count == 0)
        {
            return null;
        }

        var ordered = turns.OrderBy(t => t.At).ToList();
        double weighted = 0, weights = 0;
        for (var i = 0; i < ordered.Count; i++)
        {
            weighted += (i + 1) * ordered[i].Sentiment;
            weights += i + 1;
        }

        // A third of the turns, at least one: with one or two turns start and end are the first and the last.
        var third = Math.Max(1, ordered.Count / 3);
        return new ConversationSentiment(
            weighted / weights,
            ordered.Take(third).Average(t => t.Sentiment),
            ordered.TakeLast(third).Average(t => t.Sentiment),
            ordered.GroupBy(t => t.Speaker, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Average(t => t.Sentiment), StringComparer.Ordinal));
    }
}
