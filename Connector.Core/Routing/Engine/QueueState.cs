using Connector.Core.Channels;
using Connector.Core.Routing.Policy;

namespace Connector.Core.Routing.Engine;

/// <summary>
/// What the engine keeps per queue of the charter, found by one lookup of the queue's name per arrival: its own
/// skill needs, and its waiting work per channel.
/// </summary>
internal sealed class QueueState(QueueDefinition definition, int index, SkillNeed[] needs)
{
    private readonly WaitingQueue?[] _lines = new WaitingQueue?[4];

    public QueueDefinition Definition { get; } = definition;

    /// <summary>0, 1, 2… in the charter's order: where a <see cref="CriteriaShape"/> keeps this queue's steps.</summary>
    public int Index { get; } = index;

    /// <summary>The queue's routing steps as an array: read at every arrival and step change, without an interface call.</summary>
    public RoutingStep[] Steps { get; } = [.. definition.Steps];

    /// <summary>The skills every task of the queue needs, interned.</summary>
    public SkillNeed[] Needs { get; } = needs;

    /// <summary>The queue's waiting work on the channel, once some has waited there.</summary>
    public WaitingQueue? LineOn(Channel channel) => _lines[(int)channel];

    public void SetLine(Channel channel, WaitingQueue line) => _lines[(int)channel] = line;
}
