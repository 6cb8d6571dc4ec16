using Connector.Core.Insight;
using Connector.Core.Tests.Charter;

namespace Connector.Core.Tests.Insight;

public sealed class InsightsCharterTests
{
    [Fact]
    public void Topics_are_read_with_their_keywords_phrases_examples_and_the_threshold()
    {
        var policy = CharterAssert.Valid("""
            insights:
              threshold: 0.5
              topics:
                billing: { keywords: [invoice, refund*], phrases: [charged twice] }
                delivery: { examples: [Where is my parcel?, My order has not arrived] }
            """);

        Assert.Equal(0.5, policy.Insights.Threshold);
        Assert.Equal(["billing", "delivery"], policy.Insights.Topics.Select(t => t.Name));
        var billing = policy.Insights.Topics[0];
        Assert.Equal(["invoice", "refund*"], billing.Keywords);
        Assert.Equal(["charged twice"], billing.Phrases);
        Assert.Empty(billing.Examples);
        Assert.Equal(["Where is my parcel?", "My order has not arrived"], policy.Insights.Topics[1].Examples);
    }

    [Fact]
    public void A_charter_without_insights_has_no_topics_and_the_default_threshold()
    {
        var policy = CharterAssert.Valid("dispositions: []");

        Assert.Empty(policy.Insights.Topics);
        Assert.Equal(InsightPolicy.DefaultThreshold, policy.Insights.Threshold);
    }

    [Fact]
    public void A_topic_with_nothing_to_match_is_refused_naming_it()
    {
        CharterAssert.SingleError("""
            insights:
              topics:
                billing: {}
            """, 3, "insights.topics.billing", "needs keywords, phrases or examples");
    }

    [Fact]
    public void A_threshold_outside_zero_to_one_is_refused()
    {
        CharterAssert.SingleError("""
            insights:
              threshold: 1.5
            """, 2, "insights.threshold", "between 0 and 1");
    }

    [Fact]
    public void An_unknown_key_in_a_topic_is_refused_naming_the_field()
    {
        var error = Assert.Single(CharterAssert.Invalid("""
            insights:
              topics:
                billing: { keywords: [invoice], synonyms: [bill] }
            """).Errors);

        Assert.Equal("insights.topics.billing.synonyms", error.Field);
    }

    [Fact]
    public void A_keyword_without_words_is_refused()
    {
        CharterAssert.SingleError("""
            insights:
              topics:
                billing: { keywords: ["*"] }
            """, 3, "insights.topics.billing.keywords[0]", "has no words");
    }
}
