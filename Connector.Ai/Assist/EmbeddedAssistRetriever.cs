using System.Collections.Concurrent;
using Connector.Ai.Embeddings;

namespace Connector.Ai.Assist;

/// <summary>
/// Cosine similarity of MiniLM sentence embeddings (on this machine, no network) between the query and each text of
/// each document. A document's texts are embedded once and kept by their text, so the knowledge base is not embedded
/// again on every request; an edited article's new text is embedded on its first search.
/// </summary>
public sealed class EmbeddedAssistRetriever(SentenceEmbedder embedder) : IAssistRetriever
{
    /// <summary>Past this many kept vectors (1.5 KB each) the cache starts over rather than grow without end.</summary>
    private const int MaxCached = 50_000;

    private readonly ConcurrentDictionary<string, float[]> vectors = new(StringComparer.Ordinal);

    public IReadOnlyList<AssistHit> Search(IReadOnlyList<AssistDocument> documents, string query, int top, double minScore, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(query);
        if (documents.Count == 0 || string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        var texts = documents.SelectMany(d => d.Texts).Distinct(StringComparer.Ordinal).ToList();
        var known = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var text in texts)
        {
            if (vectors.TryGetValue(text, out var vector))
            {
                known[text] = vector;
            }
            else
            {
                missing.Add(text);
            }
        }

        if (vectors.Count + missing.Count > MaxCached)
        {
            vectors.Clear();
        }

        var embedded = embedder.Embed(missing, ct);
        for (var i = 0; i < missing.Count; i++)
        {
            known[missing[i]] = vectors[missing[i]] = embedded[i];
        }

        var q = embedder.Embed(query, ct);
        return [.. documents
            .Select(d => d.Texts.Select(t => (Text: t, Score: ReplyMiner.Cosine(q, known[t]))).MaxBy(x => x.Score) is var best
                ? new AssistHit(d.Id, Math.Clamp(best.Score, 0, 1), best.Text, "semantic")
                : null)
            .Where(h => h is not null && h.Score >= minScore)
            .OrderByDescending(h => h!.Score).ThenBy(h => h!.DocumentId, StringComparer.Ordinal)
            .Take(top)
            .Select(h => h!)];
    }
}
