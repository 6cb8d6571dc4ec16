using System.Collections.Concurrent;
using Connector.Ai.Embeddings;
using Connector.Core.Bot;

namespace Connector.Ai.Bot;

/// <summary>
/// The embedded bot: hybrid retrieval over the FAQ and the intents, then <see cref="BotDecider"/>'s rules; nothing leaves
/// the machine. Each bot's knowledge (the FAQ embedded once) is built on its first message and kept.
/// </summary>
public sealed class EmbeddedBotResponder(SentenceEmbedder embedder) : IBotResponder, IDisposable
{
    public const string MethodName = "embedded";

    /// <summary>How many candidates a decision and an AI answer see.</summary>
    public const int Candidates = 5;

    private readonly ConcurrentDictionary<BotPolicy, Lazy<BotKnowledge>> knowledge = new();

    public Task<BotReply> RespondAsync(BotPolicy policy, string text, double sentiment, IReadOnlyList<BotTurn> earlier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(text);
        var bot = KnowledgeOf(policy);
        var candidates = bot.Candidates(text, Candidates, cancellationToken);
        var decision = BotDecider.Decide(policy, candidates, sentiment, earlier);
        return Task.FromResult(ReplyFor(bot, decision, MethodName));
    }

    /// <summary>The knowledge of <paramref name="policy"/>'s bot, built once (the FAQ file is read and embedded here).</summary>
    public BotKnowledge KnowledgeOf(BotPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return knowledge.GetOrAdd(policy, p => new Lazy<BotKnowledge>(
            () => new BotKnowledge(FaqLoader.Load(p.FaqPath), p.Language, p.SensitiveIntents, embedder), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    internal static BotReply ReplyFor(BotKnowledge bot, BotDecision decision, string method) => decision.Outcome switch
    {
        BotOutcome.Answered => new BotReply(decision, bot.Entries[decision.FaqId!].Answer, [decision.FaqId!], method),
        BotOutcome.NotUnderstood => new BotReply(decision, BotTexts.AskAgain(bot.Language), [], method),
        _ => new BotReply(decision, BotTexts.HandingOff(bot.Language), [], method),
    };

    public void Dispose()
    {
        foreach (var entry in knowledge.Values.Where(k => k.IsValueCreated))
        {
            entry.Value.Dispose();
        }
    }
}
