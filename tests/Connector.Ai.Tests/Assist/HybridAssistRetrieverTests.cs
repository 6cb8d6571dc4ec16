using Connector.Ai.Assist;
using Connector.Ai.Embeddings;

namespace Connector.Ai.Tests.Assist;

public sealed class HybridAssistRetrieverTests : IDisposable
{
    private static readonly AssistDocument[] Articles =
    [
        Article("refunds", "Refunds", "Refunds are paid to the card used, within 5 working days of the return reaching us."),
        Article("password", "Resetting a password", "Click Forgot password on the sign-in page; the link we email is valid for one hour."),
        Article("delivery", "Delivery times", "Standard delivery takes 2 to 4 working days; express arrives the next working day."),
        Article("cancel", "Cancelling a subscription", "A subscription can be cancelled any time from Account, Subscriptions; it runs to the end of the month."),
    ];

    private readonly SentenceEmbedder embedder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("I sent the shoes back last week, when do I get my money?", "refunds")]
    [InlineData("I can't log in, I forgot my password", "password")]
    [InlineData("how long until my parcel arrives?", "delivery")]
    [InlineData("I want to stop my monthly plan", "cancel")]
    public void The_relevant_article_ranks_first_for_a_customer_question(string question, string expected)
    {
        var retriever = new HybridAssistRetriever(embedder);

        var hits = retriever.Search(Articles, question, top: 3, minScore: 0, Ct);

        Assert.Equal(expected, hits[0].DocumentId);
        Assert.True(hits[0].Score > hits[1].Score, $"{hits[0].Score} vs {hits[1].Score}");
        Assert.InRange(hits[0].Semantic, 0.3, 1);
    }

    [Fact]
    public void Nothing_below_the_minimum_score_is_suggested()
    {
        var retriever = new HybridAssistRetriever(embedder);

        var hits = retriever.Search(Articles, "What a lovely sunny day for a picnic", top: 3, minScore: 0.3, Ct);

        Assert.Empty(hits);
    }

    [Fact]
    public void An_edited_article_is_found_by_its_new_text()
    {
        var retriever = new HybridAssistRetriever(embedder);
        Assert.Equal("delivery", retriever.Search(Articles, "how long until my parcel arrives?", 1, 0, Ct)[0].DocumentId);

        AssistDocument[] edited = [.. Articles.Select(a => a.Id == "cancel" ? Article("cancel", "Parcel tracking", "Track your parcel from the link in the dispatch email.") : a)];

        Assert.Equal("cancel", retriever.Search(edited, "where is my parcel, can I track it?", 1, 0, Ct)[0].DocumentId);
    }

    public void Dispose() => embedder.Dispose();

    private static AssistDocument Article(string id, string title, string body) => new(id, "en", [title, $"{title}. {body}"]);
}
