using System.Numerics;
using Connector.Core.Channels;
using Connector.Core.Routing.Policy;

namespace Connector.Core.Routing.Engine;

/// <summary>
/// The waiting work of one queue on one channel, indexed by what its current step asks: one
/// <see cref="WaitingGroup"/> per required-skill mask (and language), and one per preferred agent. An agent with
/// room looks only at the groups whose mask is inside its own, at their heads, instead of walking the backlog.
/// </summary>
/// <remarks>Tasks whose step has nobody online sit in no group: no one could take them.</remarks>
internal sealed class WaitingQueue(QueueDefinition queue, Channel channel, TaskOrder order)
{
    private readonly Dictionary<(ulong Mask, string? Language), WaitingGroup> _bySkills = [];
    private readonly MaskTable<List<WaitingGroup>> _byMask = new();
    private readonly List<(ulong Mask, List<WaitingGroup> Groups)> _masks = [];
    private readonly Dictionary<string, WaitingGroup> _byPreferred = new(StringComparer.Ordinal);
    // The most skills any group's mask asks for: an agent's subsets with more can have no group.
    private int _maxSkills;

    public QueueDefinition Queue { get; } = queue;
    public Channel Channel { get; } = channel;

    /// <summary>Tasks in its groups (those someone online could serve).</summary>
    public int Count { get; private set; }

    /// <summary>All its groups, for checks.</summary>
    public IEnumerable<WaitingGroup> Groups => _bySkills.Values.Concat(_byPreferred.Values);

    /// <summary>Puts the task in the group of its <see cref="TaskState.Current"/> step (or in none).</summary>
    public void Place(TaskState task)
    {
        if (task.Current is not { } criteria)
        {
            return;
        }

        WaitingGroup? group;
        if (criteria.OnlyAgent is { } only)
        {
            if (!_byPreferred.TryGetValue(only, out group))
            {
                group = _byPreferred[only] = new WaitingGroup(0, null, order);
            }
        }
        else
        {
            // Shared criteria belong to one queue: on this channel, to one group, found once.
            group = criteria.GroupOn[(int)Channel] ??= SkillGroup(criteria.Mask, criteria.Shape.LanguageKey);
        }

        group.Add(task);
        task.Group = group;
        Count++;
    }

    private WaitingGroup SkillGroup(ulong mask, string? language)
    {
        if (!_bySkills.TryGetValue((mask, language), out var group))
        {
            group = _bySkills[(mask, language)] = new WaitingGroup(mask, language, order);
            if (!_byMask.TryGetValue(mask, out var sameMask))
            {
                sameMask = [];
                _byMask.Add(mask, sameMask);
                _masks.Add((mask, sameMask));
                _maxSkills = Math.Max(_maxSkills, BitOperations.PopCount(mask));
            }

            sameMask.Add(group);
        }

        return group;
    }

    public void Unplace(TaskState task)
    {
        if (task.Group is { } group)
        {
            group.Remove(task);
            task.Group = null;
            Count--;
        }
    }

    /// <summary>The best task of this queue that fits the agent and comes before <paramref name="best"/>; else <paramref name="best"/>.</summary>
    public TaskState? BestFor(AgentState agent, TaskState? best, EntryFit fits)
    {
        if (_byPreferred.Count > 0 && _byPreferred.TryGetValue(agent.Id, out var mine))
        {
            best = mine.FirstFitBefore(best, agent, fits);
        }

        var mask = agent.SkillMask;
        var bits = BitOperations.PopCount(mask);
        if (SubsetCount(bits, _maxSkills) < _masks.Count)
        {
            // Fewer subsets of the agent's skills (of at most as many skills as any group asks for) than masks
            // waiting: look the subsets up, the empty one first (everyone may take that work, so it sets a bar most
            // other groups' heads do not pass).
            if (_byMask.TryGetValue(0, out var open))
            {
                best = BestOf(open, agent, best, fits);
            }

            Span<ulong> skills = stackalloc ulong[bits];
            var rest = mask;
            for (var i = 0; i < bits; i++)
            {
                skills[i] = rest & (~rest + 1); // its lowest bit
                rest &= rest - 1;
            }

            best = BestOfSubsets(skills, 0, 0, _maxSkills, agent, best, fits);
        }
        else
        {
            foreach (var (groupMask, groups) in _masks)
            {
                if ((groupMask & ~mask) == 0)
                {
                    best = BestOf(groups, agent, best, fits);
                }
            }
        }

        return best;
    }

    // Every non-empty union of skills[from..] with `prefix`, of at most `left` more skills, looked up in turn.
    private TaskState? BestOfSubsets(ReadOnlySpan<ulong> skills, int from, ulong prefix, int left, AgentState agent, TaskState? best, EntryFit fits)
    {
        for (var i = from; i < skills.Length; i++)
        {
            var subset = prefix | skills[i];
            if (_byMask.TryGetValue(subset, out var groups))
            {
                best = BestOf(groups, agent, best, fits);
            }

            if (left > 1)
            {
                best = BestOfSubsets(skills, i + 1, subset, left - 1, agent, best, fits);
            }
        }

        return best;
    }

    /// <summary>How many subsets of at most <paramref name="most"/> of <paramref name="skills"/> skills there are (the empty one included).</summary>
    private static long SubsetCount(int skills, int most)
    {
        long count = 0, choose = 1;
        for (var k = 0; k <= Math.Min(most, skills) && count < int.MaxValue; k++)
        {
            count += choose;
            choose = choose * (skills - k) / (k + 1);
        }

        return count;
    }

    private static TaskState? BestOf(List<WaitingGroup> groups, AgentState agent, TaskState? best, EntryFit fits)
    {
        foreach (var group in groups)
        {
            // Cheapest test first: most heads come after the best found so far.
            if (group.HeadBefore(best) && group.Admits(agent))
            {
                best = group.FirstFitBefore(best, agent, fits);
            }
        }

        return best;
    }
}
