namespace Connector.Core.Insight;

/// <summary>Scores one utterance's sentiment: the embedded classifier, a lexicon, or an AI service behind one port.</summary>
public interface ISentimentScorer
{
    /// <summary>The sentiment of <paramref name="text"/> (already redacted).</summary>
    ValueTask<SentimentScore> ScoreAsync(string text, CancellationToken cancellationToken);
}

/// <summary>A sentiment from -1 (negative) to 1 (positive); <paramref name="Method"/> names what scored it, and says when it fell back.</summary>
public readonly record struct SentimentScore(double Value, double Confidence, string Method);
