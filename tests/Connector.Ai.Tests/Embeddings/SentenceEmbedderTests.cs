using Connector.Ai.Embeddings;

namespace Connector.Ai.Tests.Embeddings;

public sealed class SentenceEmbedderTests
{
    [Fact]
    public async Task Callers_on_many_threads_through_a_gate_of_one_get_the_same_vectors_as_one_caller_alone()
    {
        string[] texts = ["Where is my parcel?", "I want to cancel my contract", "Thanks, that fixed it", "Great, another two hours on hold"];
        using var alone = new SentenceEmbedder(1);
        var expected = alone.Embed(texts, CancellationToken.None);

        using var gated = new SentenceEmbedder(1);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => gated.Embed(texts[i % texts.Length], CancellationToken.None))));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(SentenceEmbedder.Dimensions, results[i].Length);
            Assert.Equal(expected[i % texts.Length], results[i], (a, b) => Math.Abs(a - b) < 1e-5f);
        }
    }

    [Fact]
    public void A_cancelled_caller_gets_no_vector_and_leaves_the_gate_open_for_the_next()
    {
        using var embedder = new SentenceEmbedder(1);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => embedder.Embed("Where is my parcel?", cancelled.Token));
        Assert.Equal(SentenceEmbedder.Dimensions, embedder.Embed("Where is my parcel?", CancellationToken.None).Length);
    }

    [Fact]
    public void A_concurrency_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SentenceEmbedder(0));
    }
}
