using Connector.Core.Insight;

namespace Connector.Core.Tests.Insight;

public sealed class TopicRulesTests
{
    private static readonly TopicRules Rules = new(
    [
        new InsightTopic("billing", ["invoice", "refund*"], ["charged twice"], []),
        new InsightTopic("cancellation", ["cancel*"], ["close my account"], []),
        new InsightTopic("delivery", [], [], ["Where is my parcel?"]),
    ]);

    [Fact]
    public void A_turn_joins_every_topic_whose_keyword_or_phrase_it_contains_in_the_charters_order()
    {
        Assert.Equal(["billing", "cancellation"], Rules.Match("I was CHARGED twice, so I'm cancelling and want a refund."));
    }

    [Fact]
    public void Keywords_match_whole_words_only_and_a_star_takes_any_ending()
    {
        Assert.Equal(["billing"], Rules.Match("Refunded yet?"));
        Assert.Empty(Rules.Match("Two invoices"));
        Assert.Empty(Rules.Match("Please reinvoice it"));
    }

    [Fact]
    public void A_topic_with_only_examples_is_never_matched_by_rule()
    {
        Assert.Empty(Rules.Match("Where is my parcel?"));
    }
}
