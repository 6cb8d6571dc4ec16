using Connector.Ai.Embeddings;
using Connector.Ai.Training;

namespace Connector.Ai.Tests.Sentiment;

/// <summary>Every labelled sentence embedded once for the whole test class (about a minute of CPU on two cores).</summary>
public sealed class EmbeddedCorpus : IDisposable
{
    private readonly SentenceEmbedder embedder = new();

    public EmbeddedCorpus()
    {
        var root = SentimentCorpus.FindRepositoryRoot(AppContext.BaseDirectory);
        Domains = SentimentCorpus.UciDomains.ToDictionary(d => d, d => Embed(SentimentCorpus.LoadUci(root, d)));
        var (train, heldOut) = SentimentCorpus.LoadContactCentre(root);
        ContactCentreTrain = Embed(train);
        ContactCentreHeldOut = Embed(heldOut);
    }

    public IReadOnlyDictionary<string, IReadOnlyList<(LabelledSentence Sentence, float[] Embedding)>> Domains { get; }

    public IReadOnlyList<(LabelledSentence Sentence, float[] Embedding)> ContactCentreTrain { get; }

    public IReadOnlyList<(LabelledSentence Sentence, float[] Embedding)> ContactCentreHeldOut { get; }

    public void Dispose() => embedder.Dispose();

    private IReadOnlyList<(LabelledSentence, float[])> Embed(IReadOnlyList<LabelledSentence> sentences)
    {
        var embeddings = embedder.Embed([.. sentences.Select(s => s.Text)], CancellationToken.None);
        return [.. sentences.Zip(embeddings)];
    }
}
