namespace Connector.Core.Bot;

/// <summary>
/// One customer message the bot handled and what it did: the history a later decision reads (a second low-confidence
/// turn, the sentiment's trajectory) and the transcript a hand-off carries.
/// </summary>
/// <param name="Match">The FAQ id or intent the best candidate named, if any.</param>
/// <param name="Reply">What the bot sent back, if anything.</param>
public sealed record BotTurn(DateTimeOffset At, string CustomerText, string? Match, double Confidence, double Sentiment, BotOutcome Outcome, string? Reply);
