using Connector.Ai.Embeddings;
using Connector.Core.Insight;

namespace Connector.Ai.Insight;

/// <summary>
/// The configured topics' centroids: each topic's example phrases embedded and averaged (then made unit length), so
/// a turn joins the topic whose centroid it lies nearest, when its cosine similarity reaches the charter's threshold.
/// The same topics and text always give the same topic: no clustering that changes between two identical reports.
/// The examples are embedded once, on first use.
/// </summary>
public sealed class TopicCentroids
{
    private readonly SentenceEmbedder _embedder;
    private readonly InsightPolicy _policy;
    private readonly Lazy<(string Topic, float[] Centroid)[]> _centroids;

    public TopicCentroids(SentenceEmbedder embedder, InsightPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _embedder = embedder;
        _policy = policy;
        _centroids = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public bool Any => _policy.Topics.Any(t => t.Examples.Count > 0);

    /// <summary>The nearest topic and its similarity, or null when none reaches the threshold (or none has examples).</summary>
    public (string Topic, double Similarity)? Nearest(string text, CancellationToken cancellationToken) =>
        Any ? Nearest(_embedder.Embed(text, cancellationToken)) : null;

    /// <summary>The same, for a text already embedded (the sentiment scorer embeds it too).</summary>
    public (string Topic, double Similarity)? Nearest(float[] embedding)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        (string Topic, double Similarity)? best = null;
        foreach (var (topic, centroid) in _centroids.Value)
        {
            var similarity = Dot(embedding, centroid);
            if (similarity >= _policy.Threshold && (best is null || similarity > best.Value.Similarity))
            {
                best = (topic, similarity);
            }
        }

        return best;
    }

    private (string, float[])[] Build()
    {
        var topics = _policy.Topics.Where(t => t.Examples.Count > 0).ToList();
        var centroids = new List<(string, float[])>();
        foreach (var topic in topics)
        {
            var vectors = _embedder.Embed(topic.Examples, CancellationToken.None);
            var mean = new float[vectors[0].Length];
            foreach (var v in vectors)
            {
                for (var i = 0; i < mean.Length; i++)
                {
                    mean[i] += v[i];
                }
            }

            var norm = (float)Math.Sqrt(mean.Sum(x => (double)x * x));
            centroids.Add((topic.Name, [.. mean.Select(x => norm == 0 ? 0 : x / norm)]));
        }

        return [.. centroids];
    }

    // Both unit length (the embedder's output, and the centroid normalized above): the dot product is the cosine.
    private static double Dot(float[] a, float[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
