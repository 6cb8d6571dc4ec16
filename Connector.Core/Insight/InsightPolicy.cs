namespace Connector.Core.Insight;

/// <summary>
/// The charter's <c>insights:</c> section: the topics turns are sorted into, and how close (cosine similarity of
/// sentence embeddings, 0–1) a turn must come to a topic's centroid to join it.
/// </summary>
public sealed record InsightPolicy(IReadOnlyList<InsightTopic> Topics, double Threshold)
{
    /// <summary>
    /// all-MiniLM-L6-v2 puts paraphrases of one request at about 0.5–0.8 and unrelated contact-centre sentences below
    /// 0.3; 0.45 keeps "where is my parcel" on delivery without pulling small talk into a topic.
    /// </summary>
    public const double DefaultThreshold = 0.45;

    public static readonly InsightPolicy None = new([], DefaultThreshold);
}
