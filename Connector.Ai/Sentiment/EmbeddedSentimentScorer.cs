using Connector.Ai.Embeddings;
using Connector.Core.Insight;
using Microsoft.Extensions.Logging;

namespace Connector.Ai.Sentiment;

/// <summary>
/// The embedded default: the shipped logistic regression over all-MiniLM-L6-v2 embeddings, on this machine. When the
/// model cannot run here (no ONNX Runtime for the platform) the lexicon answers and the method says so.
/// </summary>
public sealed partial class EmbeddedSentimentScorer(SentenceEmbedder embedder, SentimentWeights weights, ILogger<EmbeddedSentimentScorer> logger) : ISentimentScorer
{
    public const string MethodName = "embedded";

    private int modelFailed;

    public ValueTask<SentimentScore> ScoreAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return ValueTask.FromResult(new SentimentScore(0, 0, MethodName));
        }

        if (Volatile.Read(ref modelFailed) == 0)
        {
            try
            {
                var p = weights.PositiveProbability(embedder.Embed(text, cancellationToken));
                return ValueTask.FromResult(new SentimentScore((2 * p) - 1, Math.Max(p, 1 - p), MethodName));
            }
            catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or BadImageFormatException)
            {
                // A platform without ONNX Runtime's native library: said once in the log, then every score says it.
                Interlocked.Exchange(ref modelFailed, 1);
                LogModelUnavailable(logger, e.GetType().Name);
            }
        }

        var lexicon = LexiconSentimentScorer.Score(text);
        return ValueTask.FromResult(lexicon with { Method = $"{LexiconSentimentScorer.MethodName} (embedded model unavailable)" });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The embedded sentence model cannot run here ({Reason}); sentiment falls back to the lexicon.")]
    private static partial void LogModelUnavailable(ILogger logger, string reason);
}
