using Connector.Ai.Insight;
using Connector.Core.Insight;
using Connector.Core.Qa;

namespace Connector.Worker.Insight;

/// <summary>
/// Scores each turn of an interaction: its sentiment (the registered <see cref="ISentimentScorer"/>: the embedded
/// classifier, or the AI service in front of it) and its topics (every topic whose keywords or phrases it contains, and
/// the nearest topic centroid above the charter's threshold). A call's moments carry no words and are not turns here.
/// </summary>
internal sealed class TurnAnalyzer(ISentimentScorer scorer, TopicRules rules, TopicCentroids centroids)
{
    public async Task<IReadOnlyList<TurnInsight>> AnalyseAsync(QaInteraction interaction, CancellationToken ct)
    {
        var turns = new List<TurnInsight>();
        foreach (var turn in interaction.Turns.Where(t => t.Speaker != QaSpeaker.System && !string.IsNullOrWhiteSpace(t.Text)))
        {
            var sentiment = await scorer.ScoreAsync(turn.Text, ct);
            var topics = rules.Match(turn.Text).ToList();
            if (centroids.Nearest(turn.Text, ct) is { } nearest && !topics.Contains(nearest.Topic, StringComparer.Ordinal))
            {
                topics.Add(nearest.Topic);
            }

            turns.Add(new TurnInsight(
                turns.Count, SpeakerOf(turn.Speaker), turn.At, turn.Ref, Math.Round(sentiment.Value, 4), Math.Round(sentiment.Confidence, 4), sentiment.Method, topics));
        }

        return turns;
    }

    // QA's reader labels our side Agent (an IVR or bot phrase in a transcript included); bot turns get their own label
    // once the bot writes its turns to the timeline.
    private static string SpeakerOf(QaSpeaker speaker) => speaker == QaSpeaker.Customer ? TurnInsight.Customer : TurnInsight.Agent;
}
