using Connector.Core.Channels;
using Connector.Core.Routing.Policy;

namespace Connector.Core.Routing.Engine;

public sealed partial class RoutingEngine
{
    /// <summary>
    /// The step that applies to the task now: the latest one its age has reached, moving on at once past any
    /// step that nobody online could serve (e.g. the last agent is offline, or no one has the skill).
    /// Null when no step has anyone online: the task waits.
    /// </summary>
    private StepCriteria? CurrentStep(TaskState task, DateTimeOffset now)
    {
        var steps = task.Queue.Steps;
        if (steps.Count == 0)
        {
            return _index.OnlineCount(task.Channel) > 0 ? new StepCriteria(0, RoutingStepKind.AnyAgent, Empty, null, false) : null;
        }

        var age = now - task.Item.ArrivedAt;
        var start = 0;
        for (var i = 1; i < steps.Count; i++)
        {
            if (steps[i].After <= age)
            {
                start = i;
            }
        }

        for (var i = start; i < steps.Count; i++)
        {
            if (Criteria(task, i, now) is { } criteria && AnyoneOnlineFor(task, criteria))
            {
                return criteria;
            }
        }

        return null;
    }

    private static readonly IReadOnlyDictionary<string, int> Empty = new Dictionary<string, int>();

    private StepCriteria? Criteria(TaskState task, int index, DateTimeOffset now)
    {
        var step = task.Queue.Steps[index];
        var needsLanguage = task.Item.Language is not null;
        switch (step.Kind)
        {
            case RoutingStepKind.PreferredAgent:
                var preferred = task.Item.PreferredAgentId;
                var fresh = step.PreferenceExpiry is not { } expiry || (task.Item.PreferredSince is { } since && since + expiry >= now);
                return preferred is not null && fresh ? new StepCriteria(index, step.Kind, Empty, preferred, needsLanguage) : null;
            case RoutingStepKind.RequiredSkills:
                return new StepCriteria(index, step.Kind, task.Skills.ToDictionary(s => s.Key, s => Math.Max(s.Value, step.MinProficiency)), null, needsLanguage);
            case RoutingStepKind.RelaxedSkills:
                return new StepCriteria(index, step.Kind, task.Skills.ToDictionary(s => s.Key, _ => 1), null, needsLanguage);
            case RoutingStepKind.OverflowQueue:
                var overflow = step.OverflowQueue is { } name && _policy.Queues.TryGetValue(name, out var q) ? q.Skills : Empty;
                return new StepCriteria(index, step.Kind, overflow, null, needsLanguage);
            default:
                return new StepCriteria(index, RoutingStepKind.AnyAgent, Empty, null, false);
        }
    }

    /// <summary>Whether someone online (busy or not) could serve the step; cheap, from the index's counts.</summary>
    private bool AnyoneOnlineFor(TaskState task, StepCriteria criteria)
    {
        if (criteria.OnlyAgent is { } only)
        {
            return _agents.TryGetValue(only, out var agent) && agent.IsOnline(task.Channel) && !IsBarred(task, agent);
        }

        if (_index.OnlineCount(task.Channel) == 0)
        {
            return false;
        }

        foreach (var (skill, level) in criteria.Skills)
        {
            if (_index.OnlineWithSkill(task.Channel, skill, level) == 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsBarred(TaskState task, AgentState agent) =>
        task.Declined.Contains(agent.Id) || (task.Item.ExcludedAgents?.Contains(agent.Id) ?? false);

    /// <summary>Why the agent may not take the task under the criteria, or null when it may.</summary>
    private static string? Refusal(TaskState task, AgentState agent, StepCriteria criteria)
    {
        if (!agent.IsOnline(task.Channel))
        {
            return "not online for " + task.Channel.ToName();
        }

        if (criteria.OnlyAgent is { } only && only != agent.Id)
        {
            return "not the preferred agent";
        }

        if (task.Declined.Contains(agent.Id))
        {
            return "declined or missed this task";
        }

        if (task.Item.ExcludedAgents?.Contains(agent.Id) ?? false)
        {
            return "excluded for this customer";
        }

        foreach (var (skill, level) in criteria.Skills)
        {
            if (!agent.Profile.Skills.TryGetValue(skill, out var has) || has < level)
            {
                return $"{skill} {has} < {level}";
            }
        }

        if (criteria.NeedsLanguage && !agent.Profile.Languages.Contains(task.Item.Language!, StringComparer.OrdinalIgnoreCase))
        {
            return "does not speak " + task.Item.Language;
        }

        return agent.HasRoomFor(task.Channel) ? null : "no capacity for " + task.Channel.ToName();
    }

    /// <summary>The rule the router applies, exposed for tests and tools: may this agent get this task now?</summary>
    public bool IsEligible(Guid taskId, string agentId, DateTimeOffset now) =>
        _tasks.TryGetValue(taskId, out var task) && task.Phase == TaskPhase.Waiting
        && _agents.TryGetValue(agentId, out var agent)
        && CurrentStep(task, now) is { } criteria && Refusal(task, agent, criteria) is null;

    /// <summary>Task-driven: the best agent with room for this task, read from the smallest fitting bucket.</summary>
    private void MatchTask(TaskState task, DateTimeOffset now)
    {
        var criteria = CurrentStep(task, now);
        var rule = criteria?.Rule(task.Queue.Name) ?? $"{task.Queue.Name}: no step has anyone online";
        var candidates = new List<DecisionCandidate>();
        AgentState? chosen = null;
        if (criteria is not null)
        {
            foreach (var agent in CandidatesFor(task, criteria))
            {
                var refusal = Refusal(task, agent, criteria);
                if (candidates.Count < MaxCandidatesShown || refusal is null)
                {
                    candidates.Add(new DecisionCandidate(agent.Id, AgentComparers.Score(task.Queue.Selection, agent, criteria.Skills, now), refusal is null, refusal ?? "best by " + task.Queue.Selection));
                }

                if (refusal is null)
                {
                    chosen = agent;
                    break;
                }
            }
        }

        if (chosen is null)
        {
            if (task.LastWaitingRule != rule)
            {
                task.LastWaitingRule = rule;
                Decide(task, now, rule, null, "waiting: no eligible agent with capacity", candidates);
            }

            return;
        }

        Offer(task, chosen, now, rule, candidates);
    }

    private IEnumerable<AgentState> CandidatesFor(TaskState task, StepCriteria criteria)
    {
        if (criteria.OnlyAgent is { } only)
        {
            return _agents.TryGetValue(only, out var agent) ? [agent] : [];
        }

        // The smallest skill bucket that every fitting agent is in (its order is the skill's, for best skill match);
        // the channel's whole bucket when the step needs no skill.
        var method = task.Queue.Selection;
        if (criteria.Skills.Count == 0)
        {
            return _index.Bucket(task.Channel, null, method) ?? Enumerable.Empty<AgentState>();
        }

        SortedSet<AgentState>? best = null;
        foreach (var skill in criteria.Skills.Keys)
        {
            var bucket = _index.Bucket(task.Channel, skill, method);
            if (bucket is null)
            {
                return [];
            }

            if (best is null || bucket.Count < best.Count)
            {
                best = bucket;
            }
        }

        return best ?? Enumerable.Empty<AgentState>();
    }

    /// <summary>Agent-driven: while the agent has room, it gets the best waiting task it may take, queue rank first.</summary>
    private void Sweep(AgentState agent, DateTimeOffset now)
    {
        while (agent.Available.Count > 0)
        {
            TaskState? best = null;
            StepCriteria? bestCriteria = null;
            foreach (var key in _waitingKeys)
            {
                if (best is not null && _policy.Queues[key.Queue].Rank > best.Queue.Rank)
                {
                    break;
                }

                if (!agent.HasRoomFor(key.Channel))
                {
                    continue;
                }

                foreach (var task in _waiting[key])
                {
                    if (best is not null && _order.Compare(task, best) >= 0)
                    {
                        break;
                    }

                    if (CurrentStep(task, now) is { } criteria && Refusal(task, agent, criteria) is null)
                    {
                        best = task;
                        bestCriteria = criteria;
                        break;
                    }
                }
            }

            if (best is null)
            {
                return;
            }

            var candidate = new DecisionCandidate(agent.Id, AgentComparers.Score(best.Queue.Selection, agent, bestCriteria!.Skills, now), true, "had room: took the best waiting task it may serve");
            Offer(best, agent, now, bestCriteria.Rule(best.Queue.Name), [candidate]);
            best.Dirty = false;
        }
    }

    private void Offer(TaskState task, AgentState agent, DateTimeOffset now, string rule, IReadOnlyList<DecisionCandidate> candidates)
    {
        LeaveWaiting(task);
        ChangeAgent(agent, () =>
        {
            agent.Hold(task.Id, task.Channel);
            agent.IdleSince = now;
        }, presenceChanges: false);
        agent.Dirty = false; // less room than before: it can take no waiting task it could not take already
        var channelPolicy = _policy.For(task.Channel);
        task.Phase = TaskPhase.Offered;
        task.AgentId = agent.Id;
        task.LastWaitingRule = null;
        task.Version++;
        Decide(task, now, rule, agent.Id, channelPolicy.AutoAccept ? "assigned (auto-accept)" : "offered", candidates);
        if (channelPolicy.AutoAccept)
        {
            Assign(task, agent, now, autoAccepted: true);
            return;
        }

        task.OfferExpiresAt = now + channelPolicy.OfferTimeout;
        _timers.Enqueue(new RouterTimer(RouterTimerKind.OfferExpiry, task.Id, agent.Id, task.Version), task.OfferExpiresAt.Value);
        _events.Add(new OfferMade(now, task.Id, agent.Id, task.OfferExpiresAt.Value));
    }

    private void Decide(TaskState task, DateTimeOffset now, string rule, string? agentId, string outcome, IReadOnlyList<DecisionCandidate> candidates) =>
        _decisions.Add(new RoutingDecision(Guid.CreateVersion7(now), task.Id, now, task.Channel, task.Queue.Name, rule, Math.Round(_order.ScoreAt(task, now), 4), agentId, outcome, candidates));

    // ---- inspection ---------------------------------------------------------------------------------------

    public TaskSnapshot? GetTask(Guid taskId) => _tasks.TryGetValue(taskId, out var t) ? Snapshot(t) : null;

    public AgentSnapshot? GetAgent(string agentId) => _agents.TryGetValue(agentId, out var a) ? Snapshot(a) : null;

    public IEnumerable<TaskSnapshot> Tasks => _tasks.Values.Select(Snapshot);

    public IEnumerable<AgentSnapshot> Agents => _agents.Values.Select(Snapshot);

    private static TaskSnapshot Snapshot(TaskState t) =>
        new(t.Id, t.Channel, t.Queue.Name, t.Phase, t.AgentId, t.Priority, t.SlaBreached, t.Item.ArrivedAt, t.OfferExpiresAt, t.Declined.ToList());

    private static AgentSnapshot Snapshot(AgentState a) =>
        new(a.Id, a.Available.ToList(), a.OfflineSince is not null, a.UsedUnits, a.Capacity.Total, a.Holding.Keys.ToList(), a.MissedInARow, a.IdleSince);
}
