using Connector.Ai.Chat;
using Connector.Core.Insight;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Ai.Sentiment;

/// <summary>
/// Sentiment from the AI service as structured output; a failed, throttled, timed-out or malformed answer falls back to
/// the embedded scorer and the result's method says so (<c>embedded (AI fell back: 429)</c>).
/// </summary>
public sealed partial class AiSentimentScorer(
    IChatClient chat, EmbeddedSentimentScorer embedded, IOptions<AiOptions> options, ILogger<AiSentimentScorer> logger) : ISentimentScorer
{
    private const string Instructions =
        "You rate the sentiment of one message a customer wrote or said to a contact centre. Sarcastic praise " +
        "(\"Great, another two hours on hold\") is negative. Answer with the JSON object the schema describes.";

    public async ValueTask<SentimentScore> ScoreAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var outcome = await chat.AskAsync<SentimentAnswer, SentimentAnswer>(
            options.Value, Instructions, text, temperature: 0, answer => answer.IsValid ? answer : null, cancellationToken);
        if (outcome.Result is { } answer)
        {
            return new SentimentScore(answer.Sentiment, answer.Confidence, StructuredOutputCall.MethodOf(options.Value));
        }

        var reason = outcome.FallbackReason!;
        LogFellBack(logger, reason);
        var fallback = await embedded.ScoreAsync(text, cancellationToken);
        return fallback with { Method = $"{fallback.Method} (AI fell back: {reason})" };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The AI sentiment answer was not used ({Reason}); the embedded method answered.")]
    private static partial void LogFellBack(ILogger logger, string reason);
}
