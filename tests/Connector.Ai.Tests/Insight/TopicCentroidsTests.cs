using Connector.Ai.Embeddings;
using Connector.Ai.Insight;
using Connector.Core.Insight;

namespace Connector.Ai.Tests.Insight;

/// <summary>Topics by nearest centroid over the local sentence model: no network, and the same answer every time.</summary>
public sealed class TopicCentroidsTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly InsightPolicy Policy = new(
    [
        new InsightTopic("delivery", [], [], ["Where is my parcel?", "My order has not arrived yet", "The courier never delivered my package"]),
        new InsightTopic("billing", [], [], ["I was charged twice on my card", "My invoice shows the wrong amount", "Why is my bill so high this month?"]),
        new InsightTopic("password", [], [], ["I forgot my password", "I cannot log in to my account", "Reset my login please"]),
    ], InsightPolicy.DefaultThreshold);

    private readonly SentenceEmbedder _embedder = new();

    [Theory]
    [InlineData("Has my package shipped? It still hasn't come", "delivery")]
    [InlineData("You took the payment two times from my credit card", "billing")]
    [InlineData("I can't sign in, the site says my password is wrong", "password")]
    public void A_turn_joins_the_topic_whose_examples_it_means(string turn, string topic)
    {
        var nearest = new TopicCentroids(_embedder, Policy).Nearest(turn, Ct);

        Assert.NotNull(nearest);
        Assert.Equal(topic, nearest.Value.Topic);
        Assert.InRange(nearest.Value.Similarity, Policy.Threshold, 1.0);
    }

    [Fact]
    public void A_turn_near_no_topic_joins_none()
    {
        Assert.Null(new TopicCentroids(_embedder, Policy).Nearest("What a lovely sunny afternoon for a walk in the park", Ct));
    }

    [Fact]
    public void The_threshold_decides_whether_the_nearest_topic_is_close_enough()
    {
        const string turn = "Has my package shipped? It still hasn't come";
        var similarity = new TopicCentroids(_embedder, Policy).Nearest(turn, Ct)!.Value.Similarity;

        Assert.Null(new TopicCentroids(_embedder, Policy with { Threshold = similarity + 0.01 }).Nearest(turn, Ct));
        Assert.Equal("delivery", new TopicCentroids(_embedder, Policy with { Threshold = similarity - 0.01 }).Nearest(turn, Ct)?.Topic);
    }

    [Fact]
    public void Without_topic_examples_nothing_is_embedded_and_no_topic_is_near()
    {
        var centroids = new TopicCentroids(_embedder, new InsightPolicy([new InsightTopic("billing", ["invoice"], [], [])], 0.1));

        Assert.False(centroids.Any);
        Assert.Null(centroids.Nearest("My invoice is wrong", Ct));
    }

    public void Dispose() => _embedder.Dispose();
}
