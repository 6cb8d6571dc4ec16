using Connector.Core.Channels;
using Connector.Core.Routing.Policy;

namespace Connector.Core.Routing.Engine;

/// <summary>Waiting work: its routing steps, and the index that lets an agent with room find it.</summary>
public sealed partial class RoutingEngine
{
    /// <summary>
    /// The shape of the task's skills and its queue's, the higher level where both name one; the queue's come first.
    /// Worked out in a scratch buffer: almost every task has a shape seen before, so nothing is allocated for it.
    /// </summary>
    private CriteriaShape ShapeOf(QueueState queue, WorkItem item)
    {
        var queueNeeds = queue.Needs;
        if (item.Skills.Count == 0)
        {
            return _shapes.Of(queueNeeds, item.Language);
        }

        if (_needsScratch.Length < queueNeeds.Length + item.Skills.Count)
        {
            _needsScratch = new SkillNeed[queueNeeds.Length + item.Skills.Count];
        }

        var needs = _needsScratch;
        queueNeeds.CopyTo(needs, 0);
        var count = queueNeeds.Length;
        // A Dictionary behind the interface is walked with its own struct enumerator: the interface's is boxed.
        if (item.Skills is Dictionary<string, int> dictionary)
        {
            foreach (var (skill, level) in dictionary)
            {
                count = Merge(needs, count, _catalog.IdOf(skill), level);
            }
        }
        else
        {
            foreach (var (skill, level) in item.Skills)
            {
                count = Merge(needs, count, _catalog.IdOf(skill), level);
            }
        }

        return _shapes.Of(needs.AsMemory(0, count), item.Language);
    }

    // Adds the need to the first `count` (or raises the level already there); returns the new count.
    private static int Merge(SkillNeed[] needs, int count, int id, int level)
    {
        var at = 0;
        while (at < count && needs[at].Id != id)
        {
            at++;
        }

        needs[at] = at < count ? new SkillNeed(id, Math.Max(level, needs[at].Level)) : new SkillNeed(id, Math.Max(level, 0));
        return Math.Max(count, at + 1);
    }

    private WaitingQueue WaitingQueueFor(QueueState queue, Channel channel)
    {
        if (queue.LineOn(channel) is not { } line)
        {
            line = new WaitingQueue(queue.Definition, channel, _order);
            queue.SetLine(channel, line);
            _waitingQueues.Add(line);
            _waitingQueues.Sort((a, b) => a.Queue.Rank.CompareTo(b.Queue.Rank));
        }

        return line;
    }

    private void EnterWaiting(TaskState task, DateTimeOffset now)
    {
        task.State = RoutingTaskState.Queued;
        task.AgentId = null;
        task.OfferExpiresAt = null;
        Bump(task);
        task.OrderKey = _order.KeyOf(task);
        task.Current = CurrentStep(task, now);
        task.WaitingIn.Place(task);
        _waitingOn[(int)task.Channel].Add(task);
        if (task.Item.PreferredAgentId is { } preferred)
        {
            if (!_preferring.TryGetValue(preferred, out var tasks))
            {
                tasks = _preferring[preferred] = [];
            }

            tasks.Add(task);
        }

        MarkDirty(task);
        ScheduleNextStep(task, now);
    }

    private void LeaveWaiting(TaskState task)
    {
        task.WaitingIn.Unplace(task);
        task.Current = null;
        _waitingOn[(int)task.Channel].Remove(task);
        if (task.Item.PreferredAgentId is { } preferred && _preferring.TryGetValue(preferred, out var tasks))
        {
            tasks.Remove(task);
        }
    }

    /// <summary>Brings the task's current step up to date, moving it to the matching group; true when it changed.</summary>
    private bool Refresh(TaskState task, DateTimeOffset now)
    {
        var current = CurrentStep(task, now);
        if (ReferenceEquals(current, task.Current))
        {
            return false;
        }

        task.WaitingIn.Unplace(task);
        task.Current = current;
        task.WaitingIn.Place(task);
        return true;
    }

    /// <summary>
    /// After an agent's presence or skills changed: where that changed whether some step has anyone online (see
    /// <see cref="OnlineCounts"/>), and for the work that prefers this agent, the waiting work's steps are brought up
    /// to date; work whose step changed gets a look in the next cycle. Everything else is as it was.
    /// </summary>
    private void RefreshAfterPresenceChange(AgentState agent, DateTimeOffset now)
    {
        var channels = _online.TakeChanged();
        for (var c = 0; channels != 0; c++, channels >>= 1)
        {
            if ((channels & 1) != 0)
            {
                foreach (var task in _waitingOn[c].Tasks)
                {
                    if (Refresh(task, now))
                    {
                        MarkDirty(task);
                    }
                }
            }
        }

        if (_preferring.TryGetValue(agent.Id, out var preferring))
        {
            foreach (var task in preferring)
            {
                if (Refresh(task, now))
                {
                    MarkDirty(task);
                }
            }
        }
    }

    /// <summary>
    /// Wakes the task when its step may change by time alone: when its next routing step begins (steps are timed
    /// from its original arrival), or when its preference for an agent expires while the preferred step still applies.
    /// </summary>
    private void ScheduleNextStep(TaskState task, DateTimeOffset now)
    {
        DateTimeOffset? due = null;
        foreach (var step in task.Steps)
        {
            var at = task.Item.ArrivedAt + step.After;
            if (at > now)
            {
                due = at;
                break;
            }
        }

        if (PreferenceLapse(task, now) is { } lapse && (due is null || lapse < due))
        {
            due = lapse;
        }

        if (due is { } wake)
        {
            _timers.Add(RouterTimer.ForTask(RouterTimerKind.StepChange, task), wake);
        }
    }

    /// <summary>The first moment after <paramref name="now"/> at which a preferred-agent step that could still apply goes stale.</summary>
    private static DateTimeOffset? PreferenceLapse(TaskState task, DateTimeOffset now)
    {
        if (task.Item.PreferredAgentId is null || task.Item.PreferredSince is not { } since)
        {
            return null;
        }

        var steps = task.Steps;
        DateTimeOffset? first = null;
        for (var p = 0; p < steps.Length; p++)
        {
            if (steps[p].Kind != RoutingStepKind.PreferredAgent || steps[p].PreferenceExpiry is not { } expiry)
            {
                continue;
            }

            // Fresh while since + expiry >= now: stale one tick later.
            var lapse = since + expiry + TimeSpan.FromTicks(1);
            if (lapse <= now || (first is { } f && lapse >= f))
            {
                continue;
            }

            // The step is out of reach, whatever the preference, once a later step's time has come.
            var reachable = true;
            for (var i = p + 1; i < steps.Length; i++)
            {
                if (task.Item.ArrivedAt + steps[i].After <= lapse)
                {
                    reachable = false;
                    break;
                }
            }

            if (reachable)
            {
                first = lapse;
            }
        }

        return first;
    }

    // ---- steps --------------------------------------------------------------------------------------------

    /// <summary>
    /// The step that applies to the task now: the latest one its age has reached, moving on at once past any
    /// step that nobody online could serve (e.g. the last agent is offline, or no one has the skill).
    /// Null when no step has anyone online: the task waits.
    /// </summary>
    private StepCriteria? CurrentStep(TaskState task, DateTimeOffset now)
    {
        var steps = task.Steps;
        if (steps.Length == 0)
        {
            return _online.OnlineCount(task.Channel) > 0
                ? task.SharedSteps[0] ??= BuildCriteria(task, 0)
                : null;
        }

        var age = now - task.Item.ArrivedAt;
        var start = 0;
        for (var i = 1; i < steps.Length; i++)
        {
            if (steps[i].After <= age)
            {
                start = i;
            }
        }

        for (var i = start; i < steps.Length; i++)
        {
            if (Criteria(task, i, now) is { } criteria && AnyoneOnlineFor(task, criteria))
            {
                return criteria;
            }
        }

        return null;
    }

    /// <summary>The criteria of step <paramref name="index"/> (built once per queue and shape; the preferred-agent step's once per task), or null when the step does not apply.</summary>
    private StepCriteria? Criteria(TaskState task, int index, DateTimeOffset now)
    {
        var step = task.Steps[index];
        if (step.Kind == RoutingStepKind.PreferredAgent)
        {
            var fresh = step.PreferenceExpiry is not { } expiry || (task.Item.PreferredSince is { } since && since + expiry >= now);
            if (task.Item.PreferredAgentId is null || !fresh)
            {
                return null;
            }
        }

        return step.Kind == RoutingStepKind.PreferredAgent
            ? (task.PreferredSteps ??= new StepCriteria?[task.Steps.Length])[index] ??= BuildCriteria(task, index)
            : task.SharedSteps[index] ??= BuildCriteria(task, index);
    }

    private StepCriteria BuildCriteria(TaskState task, int index)
    {
        if (task.Steps.Length == 0)
        {
            return new StepCriteria(task.Queue.Name, 0, RoutingStepKind.AnyAgent, _shapes.Of([], null), null, false, _catalog);
        }

        var step = task.Steps[index];
        var needsLanguage = task.Item.Language is not null;
        var (kind, needs, only) = step.Kind switch
        {
            RoutingStepKind.PreferredAgent => (step.Kind, Array.Empty<SkillNeed>(), task.Item.PreferredAgentId),
            RoutingStepKind.RequiredSkills => (step.Kind, [.. task.Needs.Select(n => n with { Level = Math.Max(n.Level, step.MinProficiency) })], null),
            RoutingStepKind.RelaxedSkills => (step.Kind, [.. task.Needs.Select(n => n with { Level = 1 })], null),
            RoutingStepKind.OverflowQueue => (step.Kind, step.OverflowQueue is { } name && _policy.Queues.TryGetValue(name, out var q) ? _catalog.Needs(q.Skills) : [], null),
            _ => (RoutingStepKind.AnyAgent, Array.Empty<SkillNeed>(), (string?)null),
        };
        needsLanguage &= kind != RoutingStepKind.AnyAgent;
        return new StepCriteria(task.Queue.Name, index, kind, _shapes.Of(needs, needsLanguage ? task.Item.Language : null), only, needsLanguage, _catalog);
    }

    /// <summary>Whether someone online (busy or not) could serve the step; cheap, from the counts.</summary>
    private bool AnyoneOnlineFor(TaskState task, StepCriteria criteria)
    {
        if (criteria.OnlyAgent is { } only)
        {
            return _agents.TryGetValue(only, out var agent) && agent.IsOnline(task.Channel) && !IsBarred(task, agent);
        }

        if (_online.OnlineCount(task.Channel) == 0)
        {
            return false;
        }

        foreach (var need in criteria.Needs)
        {
            if (!_online.AnyoneWith(task.Channel, need.Id, need.Level))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsBarred(TaskState task, AgentState agent) => task.HasDeclined(agent.Id) || task.Excludes(agent.Id);
}
