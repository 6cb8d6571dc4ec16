using Connector.Ai.Insight;

namespace Connector.Ai.Tests.Insight;

public sealed class ConversationSentimentTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_conversation_that_ends_well_scores_above_its_plain_mean_and_trends_up()
    {
        var turns = new[]
        {
            Turn("customer", 0, -0.9), Turn("agent", 1, 0.2), Turn("customer", 2, -0.5),
            Turn("agent", 3, 0.4), Turn("customer", 4, 0.6), Turn("customer", 5, 0.9),
        };

        var sentiment = ConversationSentiment.Of(turns)!;

        var mean = turns.Average(t => t.Sentiment);
        Assert.True(sentiment.Overall > mean, $"end-weighted {sentiment.Overall:F3} should exceed the mean {mean:F3}");
        Assert.Equal(-0.35, sentiment.Start, 3);
        Assert.Equal(0.75, sentiment.End, 3);
        Assert.Equal(1.1, sentiment.Trend, 3);
        Assert.Equal(0.025, sentiment.PerParticipant["customer"], 3);
        Assert.Equal(0.3, sentiment.PerParticipant["agent"], 3);
    }

    [Fact]
    public void Turns_are_taken_in_time_order_whatever_order_they_arrive_in()
    {
        var sentiment = ConversationSentiment.Of([Turn("customer", 2, -0.8), Turn("customer", 0, 0.8)])!;

        Assert.Equal(0.8, sentiment.Start, 3);
        Assert.Equal(-0.8, sentiment.End, 3);
        Assert.True(sentiment.Trend < 0);
        Assert.True(sentiment.Overall < 0, "the later, negative turn outweighs the first");
    }

    [Fact]
    public void A_conversation_without_turns_has_no_sentiment()
    {
        Assert.Null(ConversationSentiment.Of([]));
    }

    private static ScoredTurn Turn(string speaker, int minute, double sentiment) => new(speaker, Start.AddMinutes(minute), sentiment);
}
