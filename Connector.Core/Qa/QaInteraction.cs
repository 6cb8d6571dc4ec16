using Connector.Core.Channels;

namespace Connector.Core.Qa;

/// <summary>What QA scores: one agent's finished work on one channel of a conversation, in time order.</summary>
public sealed record QaInteraction(Channel Channel, string? Queue, IReadOnlyList<QaTurn> Turns)
{
    public IEnumerable<QaTurn> Of(QaSpeaker speaker) => Turns.Where(t => t.Speaker == speaker);
}
