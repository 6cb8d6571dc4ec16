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
    public TaskState? BestFor(AgentState agent, TaskState? best, Func<TaskState, AgentState, bool> fits)
    {
        if (_byPreferred.Count > 0 && _byPreferred.TryGetValue(agent.Id, out var mine))
        {
            best = mine.FirstFitBefore(best, agent, fits);
        }

        var mask = agent.SkillMask;
        var bits = BitOperations.PopCount(mask);
        if (bits < 20 && (1 << bits) < _masks.Count)
        {
            // Fewer subsets of the agent's skills than masks waiting: look the subsets up, the empty one first
            // (everyone may take that work, so it sets a bar most other groups' heads do not pass).
            if (_byMask.TryGetValue(0, out var open))
            {
                best = BestOf(open, agent, best, fits);
            }

            for (var sub = mask; sub != 0; sub = (sub - 1) & mask)
            {
                if (_byMask.TryGetValue(sub, out var groups))
                {
                    best = BestOf(groups, agent, best, fits);
                }
            }
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

    private static TaskState? BestOf(List<WaitingGroup> groups, AgentState agent, TaskState? best, Func<TaskState, AgentState, bool> fits)
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
