namespace Connector.Ai.Retrieval;

/// <summary>
/// How the two scores are fused. A rank fusion (RRF) would order well but says nothing about whether the best hit is any
/// good, and a bot must know that to hand off; so the fused score is absolute: the cosine weighted with a BM25 score
/// squashed by <c>bm25 / (bm25 + LexicalSaturation)</c>, which does not depend on what else the index holds.
/// </summary>
public sealed record HybridRetrievalOptions
{
    /// <summary>The semantic part's weight; the lexical part gets the rest. Semantic leads: BM25 alone is misled by pronouns.</summary>
    public double SemanticWeight { get; init; } = 0.8;

    /// <summary>The BM25 score at which the lexical part is one half.</summary>
    public double LexicalSaturation { get; init; } = 4.0;

    public static HybridRetrievalOptions Default { get; } = new();
}
