using Connector.Core.Channels;
using Connector.Core.Routing.Policy;

namespace Connector.Core.Routing.Engine;

public sealed partial class RoutingEngine
{
    /// <summary>
    /// For tests: every index the engine keeps, held against a brute-force scan of its agents and tasks. Call it
    /// right after <see cref="Route"/> (time-outs due by then have fired). Returns what disagrees; empty when all is well.
    /// </summary>
    internal List<string> CheckIndex(DateTimeOffset now)
    {
        var problems = new List<string>();
        var waiting = _tasks.Values.Where(t => t.State == RoutingTaskState.Queued).ToList();

        // Waiting work: the cached step is the one worked out from scratch, and the task sits in its group.
        foreach (var task in waiting)
        {
            var fresh = CurrentStep(task, now);
            if (!ReferenceEquals(fresh, task.Current))
            {
                problems.Add($"task {task.Id}: cached step {task.Current?.Rule ?? "none"}, but {fresh?.Rule ?? "none"} applies");
            }

            var group = task.Group;
            var placed = task.Current switch
            {
                null => group is null,
                { OnlyAgent: not null } => group is { Mask: 0, Language: null } && group.Tasks.Contains(task),
                { } c => group is not null && group.Mask == c.Mask && group.Language == c.Shape.LanguageKey && group.Tasks.Contains(task),
            };
            if (!placed)
            {
                problems.Add($"task {task.Id} is not in the group of its step");
            }

            if (!_waitingOn[(int)task.Channel].Tasks.Contains(task))
            {
                problems.Add($"task {task.Id} is missing from the waiting list of {task.Channel}");
            }
        }

        if (_tasks.Values.Any(t => t.State != RoutingTaskState.Queued && (t.Group is not null || t.Slot >= 0)))
        {
            problems.Add("a task that is not waiting is still indexed as waiting");
        }

        if (QueuedCount != waiting.Count)
        {
            problems.Add($"{QueuedCount} tasks listed as queued, {waiting.Count} queued");
        }

        foreach (var line in _waitingQueues)
        {
            var inGroups = 0;
            foreach (var group in line.Groups)
            {
                inGroups += group.Count;
                if (!ReferenceEquals(group.Head, group.Tasks.Order(_order).FirstOrDefault()))
                {
                    problems.Add($"{line.Queue.Name}/{line.Channel}: a group's head is not its best task");
                }

                if (!group.IsConsistent())
                {
                    problems.Add($"{line.Queue.Name}/{line.Channel}: a group's heap is out of order or its tasks' slots are wrong");
                }

                if (group.Tasks.Any(t => !ReferenceEquals(t.Group, group) || t.WaitingIn != line))
                {
                    problems.Add($"{line.Queue.Name}/{line.Channel}: a group holds a task placed elsewhere");
                }
            }

            if (inGroups != line.Count)
            {
                problems.Add($"{line.Queue.Name}/{line.Channel}: counts {line.Count} tasks, its groups hold {inGroups}");
            }
        }

        CheckAgents(problems);
        CheckSweeps(problems, waiting);
        return problems;
    }

    private void CheckAgents(List<string> problems)
    {
        foreach (var channel in Enum.GetValues<Channel>())
        {
            var withRoom = _agents.Values.Where(a => a.IsOnline(channel) && a.HasRoomFor(channel)).ToList();
            foreach (var method in new[] { SelectionMethod.LongestIdle, SelectionMethod.MostFreeCapacity })
            {
                if (_policy.Queues.Values.All(q => q.Selection != method) && method != SelectionMethod.LongestIdle)
                {
                    continue;
                }

                var expected = withRoom.Order(method == SelectionMethod.LongestIdle ? AgentComparers.LongestIdle : AgentComparers.MostFreeCapacity).Select(a => a.Id);
                var bucket = _index.Bucket(channel, method);
                if (!bucket.Agents.Select(e => e.Agent.Id).SequenceEqual(expected))
                {
                    problems.Add($"bucket {channel}/{method} is not the agents with room in order");
                }

                if (bucket.Agents.Any(e => e != bucket.EntryOf(e.Agent)))
                {
                    problems.Add($"bucket {channel}/{method} holds an entry whose key is stale");
                }
            }

            if (_policy.Queues.Values.Any(q => q.Selection == SelectionMethod.BestSkillMatch))
            {
                foreach (var skill in Enumerable.Range(0, _catalog.Count))
                {
                    var expected = withRoom.Where(a => a.Has(skill, out _)).Order(AgentComparers.BestSkillMatch(skill)).Select(a => a.Id).ToList();
                    var bucket = _index.SkillBucket(channel, skill)?.Agents.Select(e => e.Agent.Id).ToList() ?? [];
                    if (!bucket.SequenceEqual(expected))
                    {
                        problems.Add($"bucket {channel}/{_catalog.NameOf(skill)} is not the agents with room and the skill in order");
                    }
                }
            }

            var online = _agents.Values.Where(a => a.IsOnline(channel)).ToList();
            if (_online.OnlineCount(channel) != online.Count)
            {
                problems.Add($"{_online.OnlineCount(channel)} counted online for {channel}, {online.Count} are");
            }

            foreach (var skill in Enumerable.Range(0, _catalog.Count))
            {
                for (var level = 0; level <= 11; level++)
                {
                    var anyone = online.Any(a => a.Has(skill, out var has) && Math.Clamp(has, 1, 10) >= Math.Clamp(level, 1, 10));
                    if (_online.AnyoneWith(channel, skill, level) != anyone)
                    {
                        problems.Add($"online count of {_catalog.NameOf(skill)} ≥ {level} on {channel} is wrong");
                    }
                }
            }
        }
    }

    /// <summary>What a sweep would give each agent with room, against the best task found by walking all waiting work.</summary>
    private void CheckSweeps(List<string> problems, List<TaskState> waiting)
    {
        foreach (var agent in _agents.Values.Where(a => a.Available.Count > 0))
        {
            TaskState? indexed = null;
            foreach (var line in _waitingQueues)
            {
                if (indexed is not null && line.Queue.Rank > indexed.Queue.Rank)
                {
                    break;
                }

                if (line.Count > 0 && agent.HasRoomFor(line.Channel))
                {
                    indexed = line.BestFor(agent, indexed, _fitsNow);
                }
            }

            var scanned = waiting
                .Where(t => t.Current is { } c && Fits(t, agent, c))
                .OrderBy(t => t.Queue.Rank)
                .ThenBy(t => t, _order)
                .FirstOrDefault();
            if (!ReferenceEquals(indexed, scanned))
            {
                problems.Add($"{agent.Id} would sweep {indexed?.Id.ToString() ?? "nothing"}, but the best task it may take is {scanned?.Id.ToString() ?? "none"}");
            }
        }
    }
}
