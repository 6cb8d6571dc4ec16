using Connector.Core.Channels;
using Connector.Core.Routing.Policy;

namespace Connector.Core.Routing.Engine;

public sealed partial class RoutingEngine
{
    private static readonly string[] BestBy = [.. Enum.GetValues<SelectionMethod>().Select(m => "best by " + m)];

    /// <summary>Whether the agent may take the task under the criteria: the fast form of <see cref="Refusal"/>.</summary>
    private static bool Fits(TaskState task, AgentState agent, StepCriteria criteria) =>
        !IsBarred(task, agent) && Fits(task.Channel, agent, criteria);

    /// <summary>The same for a waiting task, read from its group's entry: the task itself only when someone is barred from it.</summary>
    private static bool Fits(in WaitingEntry entry, AgentState agent) =>
        entry.Criteria is { } criteria && (!entry.Barred || !IsBarred(entry.Task, agent)) && Fits(entry.Channel, agent, criteria);

    /// <summary>What the step asks of the agent, for a task of the channel that does not bar them.</summary>
    private static bool Fits(Channel channel, AgentState agent, StepCriteria criteria)
    {
        if (!agent.IsOnline(channel)
            || (criteria.OnlyAgent is { } only && only != agent.Id)
            || (agent.SkillMask & criteria.Mask) != criteria.Mask)
        {
            return false;
        }

        foreach (var need in criteria.Needs)
        {
            if (!agent.Has(need.Id, out var has) || has < need.Level)
            {
                return false;
            }
        }

        return (!criteria.NeedsLanguage || agent.Agent.Languages.Contains(criteria.Shape.Language!, StringComparer.OrdinalIgnoreCase))
            && agent.HasRoomFor(channel);
    }

    /// <summary>Why the agent may not take the task under the criteria, or null when it may (for explanations).</summary>
    private string? Refusal(TaskState task, AgentState agent, StepCriteria criteria)
    {
        if (!agent.IsOnline(task.Channel))
        {
            return "not online for " + task.Channel.ToName();
        }

        if (criteria.OnlyAgent is { } only && only != agent.Id)
        {
            return "not the preferred agent";
        }

        if (task.HasDeclined(agent.Id))
        {
            return "declined or missed this task";
        }

        if (task.Excludes(agent.Id))
        {
            return "excluded for this customer";
        }

        foreach (var need in criteria.Needs)
        {
            if (!agent.Has(need.Id, out var has) || has < need.Level)
            {
                return $"{_catalog.NameOf(need.Id)} {has} < {need.Level}";
            }
        }

        if (criteria.NeedsLanguage && !agent.Agent.Languages.Contains(task.Item.Language!, StringComparer.OrdinalIgnoreCase))
        {
            return "does not speak " + task.Item.Language;
        }

        return agent.HasRoomFor(task.Channel) ? null : "no capacity for " + task.Channel.ToName();
    }

    /// <summary>
    /// The rule the router applies, exposed for tests and tools: may this agent get this task now? Worked out
    /// from scratch (not from the index), so tests can hold the index to it.
    /// </summary>
    public bool IsEligible(Guid taskId, string agentId, DateTimeOffset now) =>
        _tasks.TryGetValue(taskId, out var task) && task.State == RoutingTaskState.Queued
        && _agents.TryGetValue(agentId, out var agent)
        && CurrentStep(task, now) is { } criteria && Refusal(task, agent, criteria) is null;

    /// <summary>Task-driven: the best agent with room for this task, read from its channel's bucket.</summary>
    private void MatchTask(TaskState task, DateTimeOffset now)
    {
        var criteria = task.Current;
        List<DecisionCandidate>? candidates = null;
        var considered = 0;
        AgentState? chosen = null;
        if (criteria is not null)
        {
            var method = task.Queue.Selection;
            if (criteria.OnlyAgent is { } only)
            {
                if (_agents.TryGetValue(only, out var agent))
                {
                    considered = 1;
                    chosen = Consider(task, agent, criteria, now, ref candidates);
                }
            }
            else if (method == SelectionMethod.BestSkillMatch && criteria.Needs.Length > 0)
            {
                // Ordered by one skill's level: the smallest bucket of a skill the step needs.
                foreach (var entry in SmallestSkillBucket(task.Channel, criteria))
                {
                    considered++;
                    if ((chosen = Consider(task, entry.Agent, criteria, now, ref candidates)) is not null)
                    {
                        break;
                    }
                }
            }
            else if (_index.Bucket(task.Channel, method) is { Count: > 0 } bucket)
            {
                // The first agent in the method's order who fits; lacking a skill is one AND, and is not listed.
                // An empty bucket is not walked: a sorted set's enumerator allocates (behind a backlog, most are empty).
                var mask = criteria.Mask;
                foreach (var entry in bucket.Agents)
                {
                    considered++;
                    if ((entry.SkillMask & mask) == mask
                        && (chosen = Consider(task, entry.Agent, criteria, now, ref candidates)) is not null)
                    {
                        break;
                    }
                }
            }
        }

        if (chosen is null)
        {
            var rule = criteria?.Rule ?? $"{task.Queue.Name}: no step has anyone online";
            if (task.LastWaitingRule != rule)
            {
                task.LastWaitingRule = rule;
                Decide(task, now, rule, null, "waiting: no eligible agent with capacity", (IReadOnlyList<DecisionCandidate>?)candidates ?? [], considered);
            }

            return;
        }

        Offer(task, chosen, now, criteria!.Rule, candidates!, considered);
    }

    /// <summary>The agent if it may take the task; either way, listed among the first few candidates.</summary>
    private AgentState? Consider(TaskState task, AgentState agent, StepCriteria criteria, DateTimeOffset now, ref List<DecisionCandidate>? candidates)
    {
        var fits = Fits(task, agent, criteria);
        candidates ??= [];
        if (fits || candidates.Count < MaxCandidatesShown)
        {
            var method = task.Queue.Selection;
            candidates.Add(new DecisionCandidate(agent.Id, AgentComparers.Score(method, agent, criteria, now), fits, fits ? BestBy[(int)method] : Refusal(task, agent, criteria)!));
        }

        return fits ? agent : null;
    }

    private IEnumerable<AgentBucket.Entry> SmallestSkillBucket(Channel channel, StepCriteria criteria)
    {
        AgentBucket? best = null;
        foreach (var need in criteria.Needs)
        {
            var bucket = _index.SkillBucket(channel, need.Id);
            if (bucket is null)
            {
                return [];
            }

            if (best is null || bucket.Count < best.Count)
            {
                best = bucket;
            }
        }

        return best?.Agents ?? Enumerable.Empty<AgentBucket.Entry>();
    }

    /// <summary>
    /// Agent-driven: while the agent has room, it gets the best waiting task it may take, queue rank first. It looks
    /// only at the groups of waiting work whose skills it has (see <see cref="WaitingQueue"/>), from their heads.
    /// </summary>
    private void Sweep(AgentState agent, DateTimeOffset now)
    {
        while (agent.IsOnlineAnywhere)
        {
            TaskState? best = null;
            foreach (var line in _waitingQueues)
            {
                if (best is not null && line.Queue.Rank > best.Queue.Rank)
                {
                    break;
                }

                if (line.Count > 0 && agent.HasRoomFor(line.Channel))
                {
                    best = line.BestFor(agent, best, _fitsNow);
                }
            }

            if (best is null)
            {
                return;
            }

            var criteria = best.Current!;
            var candidate = new DecisionCandidate(agent.Id, AgentComparers.Score(best.Queue.Selection, agent, criteria, now), true, "had room: took the best waiting task it may serve");
            Offer(best, agent, now, criteria.Rule, [candidate], considered: 1);
            best.Dirty = false;
        }
    }

    private void Offer(TaskState task, AgentState agent, DateTimeOffset now, string rule, IReadOnlyList<DecisionCandidate> candidates, int considered)
    {
        LeaveWaiting(task);
        var before = BeginAgentChange(agent, presenceChanges: false);
        agent.Hold(task.Id, task.Channel);
        agent.IdleSince = now;
        EndAgentChange(agent, before, presenceChanges: false, now);
        agent.Dirty = false; // less room than before: it can take no waiting task it could not take already
        var channelPolicy = _policy.For(task.Channel);
        task.State = RoutingTaskState.Offered;
        task.AgentId = agent.Id;
        task.LastWaitingRule = null;
        Bump(task);
        Decide(task, now, rule, agent.Id, channelPolicy.AutoAccept ? "assigned (auto-accept)" : "offered", candidates, considered);
        if (channelPolicy.AutoAccept)
        {
            Assign(task, agent, now, autoAccepted: true);
            return;
        }

        task.OfferExpiresAt = now + channelPolicy.OfferTimeout;
        _timers.Add(RouterTimer.ForTask(RouterTimerKind.OfferExpiry, task, agent.Number), task.OfferExpiresAt.Value);
        _events.Add(new OfferMade(now, task.Id, agent.Id, task.OfferExpiresAt.Value));
    }

    private void Decide(TaskState task, DateTimeOffset now, string rule, string? agentId, string outcome, IReadOnlyList<DecisionCandidate> candidates, int considered) =>
        _decisions.Add(new RoutingDecision(_decisionIds.Next(now), task.Id, now, task.Channel, task.Queue.Name, rule, Math.Round(_order.ScoreAt(task, now), 4), agentId, outcome, candidates)
        {
            CandidatesConsidered = considered,
        });

    // ---- inspection ---------------------------------------------------------------------------------------

    public TaskSnapshot? GetTask(Guid taskId) => _tasks.TryGetValue(taskId, out var t) ? Snapshot(t) : null;

    public AgentSnapshot? GetAgent(string agentId) => _agents.TryGetValue(agentId, out var a) ? Snapshot(a) : null;

    public IEnumerable<TaskSnapshot> Tasks => _tasks.Values.Select(Snapshot);

    public IEnumerable<AgentSnapshot> Agents => _agents.Values.Select(Snapshot);

    private static TaskSnapshot Snapshot(TaskState t) =>
        new(t.Id, t.Channel, t.Queue.Name, t.State, t.AgentId, t.Priority, t.SlaBreached, t.Item.ArrivedAt, t.OfferExpiresAt, t.Declined.ToList())
        {
            FirstResponseBreached = t.FirstResponseBreached,
            Responded = t.Responded,
        };

    private static AgentSnapshot Snapshot(AgentState a) =>
        new(a.Id, a.Available.ToList(), a.OfflineSince is not null, a.UsedUnits, a.Capacity.Total, a.Holding.Keys.ToList(), a.MissedInARow, a.IdleSince);
}
