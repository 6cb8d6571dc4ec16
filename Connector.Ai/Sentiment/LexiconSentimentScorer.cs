using System.Text;
using Connector.Core.Insight;

namespace Connector.Ai.Sentiment;

/// <summary>
/// The fallback of the fallback: word weights with negation and intensifiers, and praise read as blame when the
/// message carries a sarcasm cue. Needs no model, so it answers when the embedding model cannot run.
/// </summary>
public sealed class LexiconSentimentScorer : ISentimentScorer
{
    public const string MethodName = "lexicon";

    /// <summary>How many words after a negator it reaches ("not at all helpful").</summary>
    private const int NegationReach = 3;

    public ValueTask<SentimentScore> ScoreAsync(string text, CancellationToken cancellationToken) => ValueTask.FromResult(Score(text));

    public static SentimentScore Score(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lowered = text.ToLowerInvariant();
        var words = Words(lowered);
        var sarcastic = SentimentLexicon.SarcasmCues.Any(cue => lowered.Contains(cue, StringComparison.Ordinal));
        double sum = 0;
        var hits = 0;
        var negatedUntil = -1;
        var boost = 1.0;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (SentimentLexicon.Negators.Contains(word))
            {
                negatedUntil = i + NegationReach;
                continue;
            }

            if (SentimentLexicon.Intensifiers.TryGetValue(word, out var factor))
            {
                boost *= factor;
                continue;
            }

            if (!SentimentLexicon.Weights.TryGetValue(word, out var weight))
            {
                continue;
            }

            if (i <= negatedUntil)
            {
                // "not good" is mildly bad, "not bad" mildly good: negation dampens as it flips.
                weight = -weight * 0.6;
            }
            else if (sarcastic && weight > 0)
            {
                weight = -weight;
            }

            sum += weight * boost;
            boost = 1.0;
            hits++;
        }

        if (hits == 0)
        {
            return new SentimentScore(0, 0, MethodName);
        }

        // Squash into -1..1 (the VADER normalisation): a few strong words saturate, one mild word stays mild.
        var value = sum / Math.Sqrt((sum * sum) + 15);
        return new SentimentScore(value, Math.Min(1, Math.Abs(value) + (0.1 * hits)), MethodName);
    }

    private static List<string> Words(string lowered)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in lowered)
        {
            if (char.IsLetter(c))
            {
                current.Append(c);
            }
            else if (c is '\'' or '\u2019')
            {
                // "don't" → "dont": the negators are listed without the apostrophe.
                continue;
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
