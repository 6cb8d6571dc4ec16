namespace Connector.Ai.Retrieval;

/// <summary>
/// A document a query matched. <paramref name="Score"/> is the fused confidence in [0, 1] that callers compare with a
/// threshold; <paramref name="Semantic"/> and <paramref name="Lexical"/> are its two parts, kept so a threshold can be
/// explained.
/// </summary>
/// <param name="DocumentId">The matched document's id.</param>
/// <param name="Score">The fused score (see <see cref="HybridRetrievalOptions"/>).</param>
/// <param name="Semantic">The best cosine similarity between the query and one of the document's texts.</param>
/// <param name="Lexical">The best BM25 score over the document's texts, saturated into [0, 1).</param>
/// <param name="MatchedText">The document text that was semantically closest to the query.</param>
public sealed record RetrievalHit(string DocumentId, double Score, double Semantic, double Lexical, string MatchedText);
