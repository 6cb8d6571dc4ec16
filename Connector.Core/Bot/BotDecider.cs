namespace Connector.Core.Bot;

/// <summary>
/// The bot's rules over one message, given what retrieval found and the conversation so far. In order: an explicit
/// request for a person or a sensitive intent hands off at once; falling sentiment hands off; an FAQ entry at or above
/// the threshold is answered; otherwise the bot asks again, and a second such turn in a row hands off.
/// </summary>
public static class BotDecider
{
    /// <summary>Sentiment at or below this, and this far below the conversation's first turn, is "falling".</summary>
    public const double FallingBelow = -0.5;

    public const double FallingBy = 0.3;

    /// <summary>
    /// An intent this close behind the best FAQ entry still wins: a complaint that mentions a parcel is a complaint, and
    /// a missed hand-off costs more than a missed answer.
    /// </summary>
    public const double IntentMargin = 0.05;

    /// <param name="candidates">Retrieval's candidates, best first (FAQ entries and intents together).</param>
    /// <param name="sentiment">This message's sentiment, -1 to 1.</param>
    /// <param name="earlier">The bot's earlier turns in this conversation since its last hand-off, oldest first.</param>
    public static BotDecision Decide(BotPolicy policy, IReadOnlyList<BotCandidate> candidates, double sentiment, IReadOnlyList<BotTurn> earlier)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(earlier);
        var best = candidates.Count > 0 ? candidates[0] : null;
        var match = best is null ? null : best.Intent ?? best.Id;
        var confidence = best?.Score ?? 0;

        var topIntent = candidates.FirstOrDefault(c => c.Intent is not null);
        if (topIntent?.Intent is { } intent && topIntent.Score >= policy.Threshold && topIntent.Score >= confidence - IntentMargin)
        {
            match = intent;
            confidence = topIntent.Score;
            return intent == BotIntents.Person
                ? new BotDecision(BotOutcome.HandedOff, null, match, confidence, BotHandOffReason.ExplicitRequest, null)
                : new BotDecision(BotOutcome.HandedOff, null, match, confidence, BotHandOffReason.SensitiveIntent, intent);
        }

        if (IsFalling(earlier.Select(t => t.Sentiment).Append(sentiment).ToList()))
        {
            return new BotDecision(BotOutcome.HandedOff, null, match, confidence, BotHandOffReason.FallingSentiment, null);
        }

        if (best is { Intent: null } && best.Score >= policy.Threshold)
        {
            return new BotDecision(BotOutcome.Answered, best.Id, match, confidence, null, null);
        }

        return earlier.Count > 0 && earlier[^1].Outcome == BotOutcome.NotUnderstood
            ? new BotDecision(BotOutcome.HandedOff, null, match, confidence, BotHandOffReason.LowConfidence, null)
            : new BotDecision(BotOutcome.NotUnderstood, null, match, confidence, null, null);
    }

    /// <summary>Needs two turns at least: one angry first message is a complaint (a sensitive intent), not a trend.</summary>
    public static bool IsFalling(IReadOnlyList<double> trajectory)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        return trajectory.Count >= 2
            && trajectory[^1] <= FallingBelow
            && trajectory[^1] <= trajectory[0] - FallingBy
            && trajectory[^1] < trajectory[^2];
    }
}
