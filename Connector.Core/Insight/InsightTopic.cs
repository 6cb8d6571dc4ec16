namespace Connector.Core.Insight;

/// <summary>
/// One topic of the charter's <c>insights.topics</c>: a turn is on it when a rule matches (any of its
/// <paramref name="Keywords"/> or <paramref name="Phrases"/>, whole words, any case, <c>*</c> ending a word with any
/// ending) or when the turn's embedding lies nearest this topic's centroid (the mean of its
/// <paramref name="Examples"/>' embeddings) above the threshold.
/// </summary>
public sealed record InsightTopic(string Name, IReadOnlyList<string> Keywords, IReadOnlyList<string> Phrases, IReadOnlyList<string> Examples)
{
    public bool HasRule => Keywords.Count > 0 || Phrases.Count > 0;
}
