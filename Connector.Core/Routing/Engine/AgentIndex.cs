using Connector.Core.Channels;
using Connector.Core.Routing.Policy;

namespace Connector.Core.Routing.Engine;

/// <summary>
/// Agents bucketed by what they can take right now: per channel and selection method, a sorted bucket (in that
/// method's order) of the agents online for the channel with room for one more task of it. A task reads the
/// bucket from its best end and takes the first agent that fits; skills are tested as a bitmask first, so an
/// agent who lacks one costs an AND. Best skill match orders by a skill's level, so for it the index also keeps
/// one bucket per channel and skill (only when a queue selects that way).
/// </summary>
/// <remarks>
/// An agent sits in one bucket per channel they have room on (plus, for best skill match, one per skill), so a
/// change to an agent costs a few O(log n) set operations, not one per skill and method.
/// </remarks>
internal sealed class AgentIndex
{
    private const int Channels = 4;

    private readonly AgentBucket[] _longestIdle = new AgentBucket[Channels];
    private readonly AgentBucket?[] _mostFree = new AgentBucket?[Channels];
    private readonly Dictionary<(Channel, int), AgentBucket>? _bySkill;

    public AgentIndex(IReadOnlyCollection<SelectionMethod> methods)
    {
        for (var c = 0; c < Channels; c++)
        {
            _longestIdle[c] = new AgentBucket(SelectionMethod.LongestIdle);
            if (methods.Contains(SelectionMethod.MostFreeCapacity))
            {
                _mostFree[c] = new AgentBucket(SelectionMethod.MostFreeCapacity);
            }
        }

        if (methods.Contains(SelectionMethod.BestSkillMatch))
        {
            _bySkill = [];
        }
    }

    /// <summary>Agents with room on the channel, in the method's order (best skill match without a skill: longest idle).</summary>
    public AgentBucket Bucket(Channel channel, SelectionMethod method) =>
        method == SelectionMethod.MostFreeCapacity ? _mostFree[(int)channel]! : _longestIdle[(int)channel];

    /// <summary>For best skill match: agents with room on the channel who have the skill, highest level first; null when none.</summary>
    public AgentBucket? SkillBucket(Channel channel, int skillId) =>
        _bySkill?.GetValueOrDefault((channel, skillId));

    /// <summary>Call before changing anything an order or a bucket depends on; then <see cref="Enter"/>.</summary>
    public static void Leave(AgentState agent)
    {
        foreach (var (bucket, entry) in agent.Memberships)
        {
            bucket.Agents.Remove(entry);
        }

        agent.Memberships.Clear();
    }

    public void Enter(AgentState agent)
    {
        // By channel number, not over Available: a set's enumerator, boxed behind the interface, allocates.
        for (var c = 0; c < Channels; c++)
        {
            var channel = (Channel)c;
            if (!agent.HasRoomFor(channel))
            {
                continue;
            }

            Join(agent, _longestIdle[c]);
            if (_mostFree[c] is { } mostFree)
            {
                Join(agent, mostFree);
            }

            if (_bySkill is not null)
            {
                foreach (var skill in agent.Skills)
                {
                    if (!_bySkill.TryGetValue((channel, skill.Id), out var bucket))
                    {
                        bucket = _bySkill[(channel, skill.Id)] = new AgentBucket(SelectionMethod.BestSkillMatch, skill.Id);
                    }

                    Join(agent, bucket);
                }
            }
        }
    }

    private static void Join(AgentState agent, AgentBucket bucket)
    {
        var entry = bucket.EntryOf(agent);
        if (bucket.Agents.Add(entry))
        {
            agent.Memberships.Add((bucket, entry));
        }
    }
}
