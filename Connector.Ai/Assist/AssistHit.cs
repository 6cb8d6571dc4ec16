namespace Connector.Ai.Assist;

/// <summary>A document the customer's words matched, with what makes it a match.</summary>
/// <param name="Score">The fused score in [0, 1] (<see cref="Retrieval.HybridRetrievalOptions"/>): higher is closer.</param>
/// <param name="MatchedText">The document's text that matched best by meaning.</param>
/// <param name="Semantic">The cosine of the sentence embeddings of the query and <paramref name="MatchedText"/>.</param>
/// <param name="Lexical">The BM25 part, saturated into [0, 1).</param>
public sealed record AssistHit(string DocumentId, double Score, string MatchedText, double Semantic, double Lexical);
