using System.Security.Cryptography;
using System.Text;
using Connector.Ai.Embeddings;
using Connector.Ai.Retrieval;

namespace Connector.Ai.Assist;

/// <summary>
/// Assist's search over the shared <see cref="HybridRetriever"/> (MiniLM cosine fused with BM25), which embeds and indexes
/// a corpus once when it is built. A corpus is known by a fingerprint of its documents: the retriever built for it is
/// kept and reused until an article is edited or a reply published, when the next search builds the new one.
/// </summary>
public sealed class HybridAssistRetriever(SentenceEmbedder embedder) : IAssistRetriever
{
    /// <summary>The articles and the published replies, and one generation of each being replaced.</summary>
    private const int KeptCorpora = 4;

    private readonly Lock gate = new();
    private readonly List<(string Fingerprint, HybridRetriever Retriever)> built = [];

    public IReadOnlyList<AssistHit> Search(IReadOnlyList<AssistDocument> documents, string query, int top, double minScore, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(query);
        if (documents.Count == 0 || string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        return [.. For(documents, ct).Search(query, language: null, top, ct)
            .Where(h => h.Score >= minScore)
            .Select(h => new AssistHit(h.DocumentId, h.Score, h.MatchedText, h.Semantic, h.Lexical))];
    }

    private HybridRetriever For(IReadOnlyList<AssistDocument> documents, CancellationToken ct)
    {
        var fingerprint = Fingerprint(documents);
        lock (gate)
        {
            if (built.FirstOrDefault(b => b.Fingerprint == fingerprint).Retriever is { } known)
            {
                return known;
            }
        }

        // Built outside the lock: embedding a corpus takes a while, and searches of the other corpus need not wait.
        var retriever = new HybridRetriever([.. documents.Select(d => new RetrievalDocument(d.Id, d.Language, d.Texts))], embedder, cancellationToken: ct);
        lock (gate)
        {
            built.Insert(0, (fingerprint, retriever));
            // An old corpus' retriever is dropped, not disposed: a search still running on it must not find its index
            // closed; its in-memory index goes with the garbage.
            if (built.Count > KeptCorpora)
            {
                built.RemoveAt(built.Count - 1);
            }
        }

        return retriever;
    }

    private static string Fingerprint(IReadOnlyList<AssistDocument> documents)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var d in documents)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(d.Id));
            hash.AppendData([0]);
            hash.AppendData(Encoding.UTF8.GetBytes(d.Language));
            foreach (var text in d.Texts)
            {
                hash.AppendData([1]);
                hash.AppendData(Encoding.UTF8.GetBytes(text));
            }

            hash.AppendData([2]);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
