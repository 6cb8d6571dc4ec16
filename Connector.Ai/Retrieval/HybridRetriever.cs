using Connector.Ai.Embeddings;

namespace Connector.Ai.Retrieval;

/// <summary>
/// Finds the documents closest to a query by meaning (all-MiniLM-L6-v2 sentence embeddings, cosine) and by words (BM25
/// over a Lucene index), fused into one absolute score (<see cref="HybridRetrievalOptions"/>). Every document text is
/// embedded and indexed once, here; a search embeds the query alone, so it costs one sentence (about 9 ms) plus a
/// sub-millisecond index lookup. Thread-safe once built. Used by the bot's FAQ and open to any other corpus
/// (knowledge articles, a reply library).
/// </summary>
public sealed class HybridRetriever : IDisposable
{
    private readonly SentenceEmbedder embedder;
    private readonly HybridRetrievalOptions options;
    private readonly RetrievalDocument[] documents;
    private readonly (int Document, string Text, float[] Vector)[] texts;
    private readonly LexicalIndex lexical;

    public HybridRetriever(IEnumerable<RetrievalDocument> documents, SentenceEmbedder embedder, HybridRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        this.embedder = embedder ?? throw new ArgumentNullException(nameof(embedder));
        this.options = options ?? HybridRetrievalOptions.Default;
        this.documents = [.. documents];
        foreach (var document in this.documents)
        {
            if (string.IsNullOrWhiteSpace(document.Id) || document.Texts.Count == 0 || document.Texts.Any(string.IsNullOrWhiteSpace))
            {
                throw new ArgumentException($"Document '{document.Id}' needs an id and non-blank texts.", nameof(documents));
            }
        }

        if (this.documents.Select(d => d.Id).Distinct(StringComparer.Ordinal).Count() != this.documents.Length)
        {
            throw new ArgumentException("Document ids must be unique.", nameof(documents));
        }

        var all = this.documents.SelectMany((d, i) => d.Texts.Select(t => (Document: i, Text: t))).ToArray();
        var vectors = embedder.Embed([.. all.Select(a => a.Text)], cancellationToken);
        texts = [.. all.Select((a, i) => (a.Document, a.Text, vectors[i]))];
        lexical = new LexicalIndex(this.documents);
    }

    public IReadOnlyList<RetrievalDocument> Documents => documents;

    /// <summary>
    /// The best <paramref name="top"/> documents for <paramref name="query"/>, best first, limited to
    /// <paramref name="language"/> when one is given. Every document in that language is scored, so a short list is
    /// always returned when the corpus is not empty, however poor the match: the caller decides with the score.
    /// </summary>
    public IReadOnlyList<RetrievalHit> Search(string query, string? language, int top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        if (string.IsNullOrWhiteSpace(query) || texts.Length == 0)
        {
            return [];
        }

        var q = embedder.Embed(query, cancellationToken);
        var semantic = new Dictionary<int, (double Cosine, string Text)>();
        foreach (var (document, text, vector) in texts)
        {
            if (language is not null && documents[document].Language != language)
            {
                continue;
            }

            var cosine = Dot(q, vector);
            if (!semantic.TryGetValue(document, out var best) || cosine > best.Cosine)
            {
                semantic[document] = (cosine, text);
            }
        }

        var bm25 = lexical.Search(query, language);
        return [.. semantic
            .Select(s =>
            {
                var id = documents[s.Key].Id;
                var raw = bm25.GetValueOrDefault(id);
                var lexicalPart = raw / (raw + options.LexicalSaturation);
                var cosine = Math.Max(0, s.Value.Cosine);
                var score = (options.SemanticWeight * cosine) + ((1 - options.SemanticWeight) * lexicalPart);
                return new RetrievalHit(id, score, s.Value.Cosine, lexicalPart, s.Value.Text);
            })
            .OrderByDescending(h => h.Score)
            .ThenBy(h => h.DocumentId, StringComparer.Ordinal)
            .Take(top)];
    }

    public void Dispose() => lexical.Dispose();

    // The embeddings are unit length, so the dot product is the cosine.
    private static double Dot(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
