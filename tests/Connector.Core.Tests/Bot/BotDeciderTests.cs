using Connector.Core.Bot;
using Connector.Core.Channels;

namespace Connector.Core.Tests.Bot;

public sealed class BotDeciderTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static readonly BotPolicy Policy = new(
        "support", true, [Channel.Chat, Channel.WhatsApp], "faq.yaml", "en", 0.5,
        [new SensitiveIntent("cancellation", ["cancel my contract"], new BotHandOffRule("retention", 20))], new BotHandOffRule(null, 5));

    [Fact]
    public void An_FAQ_entry_at_the_threshold_is_answered()
    {
        var decision = BotDecider.Decide(Policy, [new("opening-hours", 0.5), new("delivery", 0.3)], 0, []);

        Assert.Equal(BotOutcome.Answered, decision.Outcome);
        Assert.Equal("opening-hours", decision.FaqId);
    }

    [Fact]
    public void A_first_message_below_the_threshold_is_asked_again_and_a_second_in_a_row_hands_off()
    {
        var first = BotDecider.Decide(Policy, [new("delivery", 0.49)], 0, []);
        var second = BotDecider.Decide(Policy, [new("delivery", 0.3)], 0, [Turn(first.Outcome, 0)]);

        Assert.Equal(BotOutcome.NotUnderstood, first.Outcome);
        Assert.Equal(BotOutcome.HandedOff, second.Outcome);
        Assert.Equal(BotHandOffReason.LowConfidence, second.Reason);
    }

    [Fact]
    public void A_low_confidence_turn_after_an_answer_is_only_asked_again()
    {
        var decision = BotDecider.Decide(Policy, [new("delivery", 0.2)], 0, [Turn(BotOutcome.NotUnderstood, 0), Turn(BotOutcome.Answered, 0)]);

        Assert.Equal(BotOutcome.NotUnderstood, decision.Outcome);
    }

    [Fact]
    public void Asking_for_a_person_hands_off_at_once_even_with_an_FAQ_entry_close_behind()
    {
        var decision = BotDecider.Decide(Policy, [new(BotIntents.IdOf(BotIntents.Person), 0.7), new("billing", 0.65)], 0, []);

        Assert.Equal(BotOutcome.HandedOff, decision.Outcome);
        Assert.Equal(BotHandOffReason.ExplicitRequest, decision.Reason);
    }

    [Fact]
    public void A_sensitive_intent_hands_off_and_its_own_rule_routes_the_task()
    {
        var decision = BotDecider.Decide(Policy, [new(BotIntents.IdOf("cancellation"), 0.8)], 0, []);

        Assert.Equal(BotHandOffReason.SensitiveIntent, decision.Reason);
        Assert.Equal("cancellation", decision.SensitiveIntent);
        Assert.Equal(new BotHandOffRule("retention", 20), Policy.HandOffFor(decision.SensitiveIntent));
        Assert.Equal(new BotHandOffRule(null, 5), Policy.HandOffFor(null));
    }

    [Fact]
    public void A_sensitive_intent_just_behind_an_FAQ_entry_still_hands_off_but_one_far_behind_does_not()
    {
        var close = BotDecider.Decide(Policy, [new("order-status", 0.62), new(BotIntents.IdOf("cancellation"), 0.6)], 0, []);
        var far = BotDecider.Decide(Policy, [new("order-status", 0.8), new(BotIntents.IdOf("cancellation"), 0.6)], 0, []);

        Assert.Equal(BotHandOffReason.SensitiveIntent, close.Reason);
        Assert.Equal(0.6, close.Confidence);
        Assert.Equal(BotOutcome.Answered, far.Outcome);
    }

    [Fact]
    public void Sentiment_falling_across_turns_hands_off_though_the_FAQ_would_answer()
    {
        var decision = BotDecider.Decide(Policy, [new("delivery", 0.9)], -0.7, [Turn(BotOutcome.Answered, 0.1)]);

        Assert.Equal(BotHandOffReason.FallingSentiment, decision.Reason);
    }

    [Fact]
    public void One_negative_first_message_or_a_steady_low_mood_is_not_falling()
    {
        Assert.False(BotDecider.IsFalling([-0.9]));
        Assert.False(BotDecider.IsFalling([-0.7, -0.8]), "it started as low as it ended");
        Assert.False(BotDecider.IsFalling([0.2, -0.4]), "not low enough");
        Assert.True(BotDecider.IsFalling([0.2, -0.6]));
    }

    [Fact]
    public void A_hand_off_carries_the_transcript_what_the_customer_gave_the_trajectory_and_a_short_summary()
    {
        var turns = new[]
        {
            new BotTurn(At, "Where is my parcel? Order ORD-48213", "delivery", 0.72, 0.1, BotOutcome.Answered, "Track it at example.com/track."),
            new BotTurn(At.AddMinutes(1), "I want to speak to a person, mail me at ann@example.com", "intent:person", 0.81, -0.4, BotOutcome.HandedOff, "Passing you on."),
        };
        var decision = new BotDecision(BotOutcome.HandedOff, null, "person", 0.81, BotHandOffReason.ExplicitRequest, null);

        var handOff = BotHandOff.From(turns, decision, id => id == "person" ? "a person" : null);

        Assert.Equal(4, handOff.Transcript.Count);
        Assert.Equal(["customer", "bot", "customer", "bot"], handOff.Transcript.Select(t => t.Author));
        Assert.Contains("reference ORD-48213", handOff.CustomerGave);
        Assert.Contains("email ann@example.com", handOff.CustomerGave);
        Assert.Equal([0.1, -0.4], handOff.SentimentTrajectory);
        Assert.StartsWith("Customer asked for a person", handOff.Summary, StringComparison.Ordinal);
        Assert.Contains("2 messages with the bot", handOff.Summary, StringComparison.Ordinal);
        Assert.Contains("Bot transcript:", handOff.ToNote(), StringComparison.Ordinal);
        Assert.Contains("  Bot: Track it at example.com/track.", handOff.ToNote(), StringComparison.Ordinal);
    }

    private static BotTurn Turn(BotOutcome outcome, double sentiment) => new(At, "text", "delivery", 0.3, sentiment, outcome, null);
}
