using Connector.Core.Channels;
using Connector.Core.Routing.Policy;

namespace Connector.Core.Routing.Engine;

/// <summary>
/// Agents bucketed by what they can take right now: for each channel (and each skill on that channel) a sorted
/// set, in each selection method's order, of the agents online for the channel with room for one more task of
/// it. A decision reads the head of the smallest fitting bucket, O(log n), instead of scanning all agents.
/// It also counts who is online per channel and skill level, so that a routing step with nobody to offer to is
/// skipped at once.
/// </summary>
internal sealed class AgentIndex(IReadOnlyCollection<SelectionMethod> methods)
{
    private readonly Dictionary<(Channel, string?, SelectionMethod), SortedSet<AgentState>> _buckets = [];
    private readonly Dictionary<(Channel, string), int[]> _onlineBySkillLevel = [];
    private readonly int[] _onlineByChannel = new int[4];

    /// <summary>Agents with room on the channel, optionally having a skill, in the method's order.</summary>
    public SortedSet<AgentState>? Bucket(Channel channel, string? skill, SelectionMethod method) =>
        _buckets.GetValueOrDefault((channel, skill, Normalize(method, skill)));

    public int OnlineCount(Channel channel) => _onlineByChannel[(int)channel];

    /// <summary>Online agents on the channel with the skill at proficiency ≥ <paramref name="minimum"/>.</summary>
    public int OnlineWithSkill(Channel channel, string skill, int minimum)
    {
        if (!_onlineBySkillLevel.TryGetValue((channel, skill), out var levels))
        {
            return 0;
        }

        var total = 0;
        for (var level = Math.Clamp(minimum, 1, 10); level <= 10; level++)
        {
            total += levels[level];
        }

        return total;
    }

    /// <summary>Call before changing anything an order or a bucket depends on; then <see cref="Enter"/>.</summary>
    public static void Leave(AgentState agent)
    {
        foreach (var set in agent.Memberships)
        {
            set.Remove(agent);
        }

        agent.Memberships.Clear();
    }

    public void Enter(AgentState agent)
    {
        foreach (var channel in agent.Available)
        {
            if (!agent.HasRoomFor(channel))
            {
                continue;
            }

            foreach (var method in methods)
            {
                Join(agent, (channel, null, Normalize(method, null)));
                foreach (var skill in agent.Profile.Skills.Keys)
                {
                    Join(agent, (channel, skill, Normalize(method, skill)));
                }
            }
        }
    }

    public void CountOnline(AgentState agent, int delta)
    {
        foreach (var channel in agent.Available)
        {
            _onlineByChannel[(int)channel] += delta;
            foreach (var (skill, level) in agent.Profile.Skills)
            {
                if (!_onlineBySkillLevel.TryGetValue((channel, skill), out var levels))
                {
                    levels = _onlineBySkillLevel[(channel, skill)] = new int[11];
                }

                levels[Math.Clamp(level, 1, 10)] += delta;
            }
        }
    }

    private void Join(AgentState agent, (Channel, string?, SelectionMethod) key)
    {
        if (!_buckets.TryGetValue(key, out var set))
        {
            set = _buckets[key] = new SortedSet<AgentState>(AgentComparers.For(key.Item3, key.Item2));
        }

        if (set.Add(agent))
        {
            agent.Memberships.Add(set);
        }
    }

    // Best skill match without a skill is longest idle: keep one bucket for both.
    private static SelectionMethod Normalize(SelectionMethod method, string? skill) =>
        method == SelectionMethod.BestSkillMatch && skill is null ? SelectionMethod.LongestIdle : method;
}
