using Connector.Core.Bot;

namespace Connector.Ai.Bot;

/// <summary>The bot's brain behind one port: the embedded retrieval and rules, or an AI service grounded in the same retrieval.</summary>
public interface IBotResponder
{
    /// <param name="text">The customer's message, already redacted.</param>
    /// <param name="sentiment">The message's sentiment (<see cref="Connector.Core.Insight.ISentimentScorer"/>).</param>
    /// <param name="earlier">The bot's earlier turns since its last hand-off, oldest first.</param>
    Task<BotReply> RespondAsync(BotPolicy policy, string text, double sentiment, IReadOnlyList<BotTurn> earlier, CancellationToken cancellationToken);
}
