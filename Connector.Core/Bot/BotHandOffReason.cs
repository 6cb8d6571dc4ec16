namespace Connector.Core.Bot;

/// <summary>Why the bot handed off (wire names: <c>explicit_request</c>, <c>sensitive_intent</c>, <c>low_confidence</c>, <c>falling_sentiment</c>).</summary>
public enum BotHandOffReason
{
    ExplicitRequest,
    SensitiveIntent,
    LowConfidence,
    FallingSentiment,
}

public static class BotHandOffReasons
{
    public static string ToName(this BotHandOffReason reason) => reason switch
    {
        BotHandOffReason.ExplicitRequest => "explicit_request",
        BotHandOffReason.SensitiveIntent => "sensitive_intent",
        BotHandOffReason.LowConfidence => "low_confidence",
        BotHandOffReason.FallingSentiment => "falling_sentiment",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    /// <summary>The reason in the words an agent reads first in the summary.</summary>
    public static string Describe(this BotHandOffReason reason) => reason switch
    {
        BotHandOffReason.ExplicitRequest => "asked for a person",
        BotHandOffReason.SensitiveIntent => "raised a topic the bot must not handle",
        BotHandOffReason.LowConfidence => "the bot did not understand twice in a row",
        BotHandOffReason.FallingSentiment => "the customer's mood fell during the bot's answers",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
