using Connector.Ai.Embeddings;
using Connector.Ai.Retrieval;

namespace Connector.Ai.Tests.Retrieval;

public sealed class HybridRetrieverTests : IClassFixture<HybridRetrieverTests.Corpus>
{
    private readonly HybridRetriever retriever;

    public HybridRetrieverTests(Corpus corpus) => retriever = corpus.Retriever;

    [Fact]
    public void A_question_about_money_back_finds_the_refund_document_though_its_words_match_another()
    {
        // BM25 alone prefers the delivery entry here (it shares "will", "I", "get", "my"); meaning carries the refund one.
        var hits = retriever.Search("when will I get my money back after returning", "en", 3, CancellationToken.None);

        Assert.Equal("refund", hits[0].DocumentId);
        Assert.True(hits[0].Semantic > hits[1].Semantic);
    }

    [Fact]
    public void Shared_rare_words_lift_a_document_through_the_lexical_part()
    {
        var hits = retriever.Search("invoice PDF", "en", 5, CancellationToken.None);

        Assert.Equal("invoice", hits[0].DocumentId);
        Assert.True(hits[0].Lexical > 0, "the invoice document shares the word 'invoice'");
        Assert.All(hits.Skip(1), h => Assert.True(h.Lexical < hits[0].Lexical));
    }

    [Fact]
    public void A_message_about_nothing_in_the_corpus_scores_well_below_one_that_is()
    {
        var inScope = retriever.Search("I forgot my password", "en", 1, CancellationToken.None)[0];
        var outOfScope = retriever.Search("what do you think about the football last night", "en", 1, CancellationToken.None)[0];

        Assert.Equal("password", inScope.DocumentId);
        Assert.True(inScope.Score > outOfScope.Score + 0.25, $"in scope {inScope.Score:F2}, out of scope {outOfScope.Score:F2}");
    }

    [Fact]
    public void A_search_in_one_language_returns_only_that_languages_documents()
    {
        var german = retriever.Search("Ich habe mein Passwort vergessen", "de", 10, CancellationToken.None);
        var any = retriever.Search("Ich habe mein Passwort vergessen", null, 10, CancellationToken.None);

        Assert.Equal(["passwort"], german.Select(h => h.DocumentId));
        Assert.Equal(5, any.Count);
    }

    [Fact]
    public void Each_hit_names_the_text_it_matched_best()
    {
        var hit = retriever.Search("reset my password please", "en", 1, CancellationToken.None)[0];

        Assert.Equal("password", hit.DocumentId);
        Assert.Contains(hit.MatchedText, Corpus.Documents.Single(d => d.Id == "password").Texts);
    }

    [Fact]
    public void Documents_with_the_same_id_are_refused()
    {
        using var embedder = new SentenceEmbedder();

        Assert.Throws<ArgumentException>(() => new HybridRetriever(
            [new RetrievalDocument("a", "en", ["one"]), new RetrievalDocument("a", "en", ["two"])], embedder));
    }

    public sealed class Corpus : IDisposable
    {
        public static readonly RetrievalDocument[] Documents =
        [
            new("refund", "en", ["How long does a refund take?", "When do I get my money back for a return?"]),
            new("delivery", "en", ["Where is my parcel?", "When will my order arrive?", "I have not got my delivery yet"]),
            new("invoice", "en", ["Where can I download my invoice?", "I need a copy of my bill as a PDF"]),
            new("password", "en", ["I forgot my password", "How do I reset my password?", "I cannot log in to my account"]),
            new("passwort", "de", ["Ich habe mein Passwort vergessen", "Wie setze ich mein Passwort zurück?"]),
        ];

        private readonly SentenceEmbedder embedder = new();

        public Corpus() => Retriever = new HybridRetriever(Documents, embedder);

        public HybridRetriever Retriever { get; }

        public void Dispose()
        {
            Retriever.Dispose();
            embedder.Dispose();
        }
    }
}
