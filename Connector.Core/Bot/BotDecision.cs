namespace Connector.Core.Bot;

/// <summary>
/// What the bot does with a message: answer <paramref name="FaqId"/>, ask again, or hand off for <paramref name="Reason"/>.
/// <paramref name="Match"/> and <paramref name="Confidence"/> are the best candidate's, whatever the outcome, so the
/// hand-off and the records say what the bot thought the customer wanted.
/// </summary>
public sealed record BotDecision(BotOutcome Outcome, string? FaqId, string? Match, double Confidence, BotHandOffReason? Reason, string? SensitiveIntent);
