using Connector.Ai.Embeddings;
using Connector.Ai.Retrieval;
using Connector.Core.Bot;

namespace Connector.Ai.Bot;

/// <summary>
/// One bot's retrieval: its FAQ entries, the built-in "ask for a person" phrases and its sensitive intents, in one
/// <see cref="HybridRetriever"/>, so every message is weighed against all of them at once.
/// </summary>
public sealed class BotKnowledge : IDisposable
{
    private readonly HybridRetriever retriever;
    private readonly Dictionary<string, FaqEntry> entries;

    public BotKnowledge(IReadOnlyList<FaqEntry> faq, string language, IReadOnlyList<SensitiveIntent> sensitive, SentenceEmbedder embedder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(faq);
        ArgumentNullException.ThrowIfNull(sensitive);
        Language = language;
        entries = faq.Where(e => e.Language == language).ToDictionary(e => e.Id, StringComparer.Ordinal);
        var documents = entries.Values.Select(e => new RetrievalDocument(e.Id, language, e.Texts))
            .Append(new RetrievalDocument(BotIntents.IdOf(BotIntents.Person), language, BotIntents.PersonRequests(language)))
            .Concat(sensitive.Select(s => new RetrievalDocument(BotIntents.IdOf(s.Name), language, s.Phrases)));
        retriever = new HybridRetriever(documents, embedder, cancellationToken: cancellationToken);
    }

    public string Language { get; }

    public IReadOnlyDictionary<string, FaqEntry> Entries => entries;

    /// <summary>FAQ entries and intents for <paramref name="text"/>, best first.</summary>
    public IReadOnlyList<BotCandidate> Candidates(string text, int top, CancellationToken cancellationToken) =>
        [.. retriever.Search(text, Language, top, cancellationToken).Select(h => new BotCandidate(h.DocumentId, h.Score))];

    public void Dispose() => retriever.Dispose();
}
