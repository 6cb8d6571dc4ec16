using Connector.Core.Channels;
using Connector.Core.Routing.Policy;

namespace Connector.Core.Routing.Engine;

/// <summary>
/// The one routing brain: every channel's work competes for the same agents by capacity, skills, language and
/// priority. Pure and single-threaded: commands change state and mark what needs a look; <see cref="Route"/>
/// fires due time-outs and makes the offers. Nothing here reads a clock, so the Worker and the simulator drive
/// the same code, in real and in simulated time.
/// </summary>
/// <remarks>
/// A routing cycle first lets every agent whose capacity grew pick the best waiting task it may take (queue rank,
/// then score, see <see cref="TaskOrder"/>), from the groups of <see cref="WaitingQueue"/> whose skills it has;
/// then finds the best agent for each new or changed task from its channel's bucket of <see cref="AgentIndex"/>.
/// After a cycle no waiting task has an eligible agent with room: such an agent would have been either changed
/// (and swept) or unchanged (and found by the task).
/// <para>
/// A waiting task's current step is kept, not recomputed per look: it changes only when a step's time comes or a
/// preference lapses (both timed), or when who is online changes whether a step has anyone to serve it
/// (<see cref="OnlineCounts"/> says on which channels). Skills are interned ints and bitmasks (<see cref="SkillCatalog"/>).
/// </para>
/// </remarks>
public sealed partial class RoutingEngine
{
    private const int MaxCandidatesShown = 5;

    private readonly RoutingPolicy _policy;
    private readonly TaskOrder _order;
    private readonly SkillCatalog _catalog = new();
    private readonly CriteriaShapes _shapes = new();
    private readonly DecisionIds _decisionIds = new();
    private readonly Dictionary<string, QueueState> _queues = new(StringComparer.Ordinal);
    private SkillNeed[] _needsScratch = new SkillNeed[8];
    private readonly AgentIndex _index;
    private readonly OnlineCounts _online = new();
    private readonly Dictionary<string, AgentState> _agents = [];
    private readonly Dictionary<Guid, TaskState> _tasks = [];
    // The queues' waiting work per channel, served in rank order.
    private readonly List<WaitingQueue> _waitingQueues = [];
    // All waiting work per channel, and per preferred agent: what a presence change may have to look at again.
    private readonly WaitingList[] _waitingOn = [new(), new(), new(), new()];
    private readonly Dictionary<string, HashSet<TaskState>> _preferring = new(StringComparer.Ordinal);
    // Work and agents that need a look in the next cycle: a flag on each plus a list, because clearing a large
    // HashSet wipes all its buckets every cycle (measured: most of a decision's cost behind a 100k backlog).
    private List<TaskState> _dirtyTasks = [];
    private List<AgentState> _dirtyAgents = [];
    private List<TaskState> _spareTasks = [];
    private List<AgentState> _spareAgents = [];
    private readonly EntryFit _fitsNow = Fits;
    private readonly TaskSlots _slots = new();
    private readonly TimerQueue _timers;
    // Agents by AgentState.Number: timers name agents by number, not by reference (see RouterTimer).
    private readonly List<AgentState> _agentsByNumber = [];
    private readonly List<RoutingEvent> _events = [];
    private readonly List<RoutingDecision> _decisions = [];
    private long _sequence;

    public RoutingEngine(RoutingPolicy policy)
    {
        _policy = policy;
        _order = new TaskOrder(policy);
        var methods = policy.Queues.Values.Select(q => q.Selection).Append(SelectionMethod.LongestIdle).Distinct().ToList();
        _index = new AgentIndex(methods);
        _timers = new TimerQueue(MayBeLive);
        foreach (var queue in policy.Queues.Values)
        {
            _queues[queue.Name] = new QueueState(queue, _queues.Count, _catalog.Needs(queue.Skills));
        }
    }

    public RoutingPolicy Policy => _policy;

    /// <summary>When <see cref="Route"/> next has a time-out to fire, if ever.</summary>
    public DateTimeOffset? NextDueAt => _timers.NextDueAt;

    public int QueuedCount => _waitingOn.Sum(s => s.Count);

    /// <summary>Time-outs pending, stale ones included: for tests that hold the queue to the live work.</summary>
    internal int PendingTimers => _timers.Count;

    public IReadOnlyList<RoutingEvent> DrainEvents()
    {
        var events = _events.ToList();
        _events.Clear();
        return events;
    }

    public IReadOnlyList<RoutingDecision> DrainDecisions()
    {
        var decisions = _decisions.ToList();
        _decisions.Clear();
        return decisions;
    }

    // ---- agents -------------------------------------------------------------------------------------------

    /// <summary>
    /// Who the agent is and what they can take: capacity profile, skills, languages. Their <see cref="Routing.Agent.Channels"/>
    /// are not read here: presence changes through <see cref="SetAvailability"/>.
    /// </summary>
    public void UpsertAgent(Agent agent, DateTimeOffset now)
    {
        var capacity = _policy.CapacityProfiles.TryGetValue(agent.CapacityProfile, out var p)
            ? p
            : throw new ArgumentException($"Agent {agent.Id} names capacity profile '{agent.CapacityProfile}', which the charter does not define.", nameof(agent));
        if (_agents.TryGetValue(agent.Id, out var state))
        {
            var before = BeginAgentChange(state, presenceChanges: true);
            state.SetAgent(agent, capacity, _catalog);
            EndAgentChange(state, before, presenceChanges: true, now);
            return;
        }

        state = new AgentState(agent, capacity, _catalog, _sequence++, _agentsByNumber.Count, now);
        _agents[agent.Id] = state;
        _agentsByNumber.Add(state);
    }

    /// <summary>
    /// The channels the agent is online for; none means offline: work they hold is re-routed after the grace
    /// period unless they come back first. Coming online sweeps the backlog.
    /// </summary>
    public void SetAvailability(string agentId, IReadOnlyCollection<Channel> channels, DateTimeOffset now)
    {
        var agent = KnownAgent(agentId);
        var before = BeginAgentChange(agent, presenceChanges: true);
        agent.SetAvailable(channels);
        // A step that only this agent could serve may now be empty and must be skipped (or one it alone can serve
        // is back): EndAgentChange looks again at the waiting work whose step may have changed.
        EndAgentChange(agent, before, presenceChanges: true, now);
        agent.OfflineVersion++;
        agent.MissedInARow = 0;
        if (channels.Count == 0)
        {
            agent.OfflineSince = now;
            if (agent.Holding.Count > 0)
            {
                _timers.Add(RouterTimer.ForAgent(agent), now + _policy.OfflineGrace);
            }
        }
        else
        {
            agent.OfflineSince = null;
        }
    }

    // ---- tasks --------------------------------------------------------------------------------------------

    /// <summary>Adds work, or re-queues it (the item carries its original arrival, so it keeps its age).</summary>
    public void Enqueue(WorkItem item, DateTimeOffset now)
    {
        if (_tasks.TryGetValue(item.TaskId, out var existing))
        {
            if (existing.State == RoutingTaskState.Queued)
            {
                // A customer who writes again: same task, new age for async channels.
                LeaveWaiting(existing);
                existing.Item = item;
                existing.AddDeclined(item.DeclinedBy);
                EnterWaiting(existing, now);
            }

            return;
        }

        var queue = _queues.TryGetValue(item.Queue, out var q) ? q : throw new ArgumentException($"Task {item.TaskId} names queue '{item.Queue}', which the charter does not define.", nameof(item));
        var shape = ShapeOf(queue, item);
        var steps = shape.StepsIn(queue.Index, Math.Max(queue.Steps.Length, 1));
        var task = new TaskState(item, queue, shape, steps, _sequence++) { WaitingIn = WaitingQueueFor(queue, item.Channel) };
        task.AddDeclined(item.DeclinedBy);
        (task.SlaBreached, task.FirstResponseBreached, task.Responded) = item.Sla is { } sla ? (sla.AnswerBreached, sla.FirstResponseBreached, sla.Responded) : (false, false, false);
        _tasks[item.TaskId] = task;
        task.Number = _slots.Take(task);
        EnterWaiting(task, now);
        var channel = _policy.For(item.Channel);
        if (channel.AnswerWithin is { } target && !task.SlaBreached)
        {
            _timers.Add(RouterTimer.ForTask(RouterTimerKind.AnswerSla, task), item.ArrivedAt + target);
        }

        if (channel.FirstResponseWithin is { } firstResponse && !task.FirstResponseBreached && !task.Responded)
        {
            // From the customer's message that is waiting for an answer, as the task's age is.
            _timers.Add(RouterTimer.ForTask(RouterTimerKind.FirstResponseSla, task), task.AgeFrom + firstResponse);
        }
    }

    /// <summary>
    /// Puts back work an agent already holds (assigned, or in wrap-up until <paramref name="wrapUpUntil"/>), when the
    /// router's state is rebuilt from the store on start or take-over. Unknown agents and queues are refused.
    /// </summary>
    public void Restore(WorkItem item, string agentId, DateTimeOffset? wrapUpUntil, DateTimeOffset now)
    {
        if (_tasks.ContainsKey(item.TaskId))
        {
            return;
        }

        var agent = KnownAgent(agentId);
        Enqueue(item, now);
        var task = _tasks[item.TaskId];
        LeaveWaiting(task);
        task.Dirty = false;
        var before = BeginAgentChange(agent, presenceChanges: false);
        agent.Hold(task.Id, task.Channel);
        EndAgentChange(agent, before, presenceChanges: false, now);
        task.AgentId = agentId;
        task.State = RoutingTaskState.Assigned;
        Bump(task);
        if (wrapUpUntil is { } until)
        {
            task.State = RoutingTaskState.WrapUp;
            task.WrapUpUntil = until;
            _timers.Add(RouterTimer.ForTask(RouterTimerKind.WrapUpEnd, task, agent.Number), until);
        }
    }

    public bool Accept(Guid taskId, string agentId, DateTimeOffset now)
    {
        if (!_tasks.TryGetValue(taskId, out var task) || task.State != RoutingTaskState.Offered || task.AgentId != agentId)
        {
            return false;
        }

        Assign(task, KnownAgent(agentId), now, autoAccepted: false);
        return true;
    }

    public bool Decline(Guid taskId, string agentId, DateTimeOffset now)
    {
        if (!_tasks.TryGetValue(taskId, out var task) || task.State != RoutingTaskState.Offered || task.AgentId != agentId)
        {
            return false;
        }

        var agent = KnownAgent(agentId);
        agent.MissedInARow = 0;
        task.AddDeclined(agentId);
        Requeue(task, now, $"declined by {agentId}");
        _events.Add(new OfferDeclined(now, taskId, agentId));
        return true;
    }

    /// <summary>
    /// The agent could not take the task after all (their line did not answer): it goes back to its queue keeping its
    /// age, priority and SLA state, and is never offered to them again.
    /// </summary>
    public bool Reclaim(Guid taskId, string agentId, DateTimeOffset now)
    {
        if (!_tasks.TryGetValue(taskId, out var task) || task.State is not (RoutingTaskState.Offered or RoutingTaskState.Assigned) || task.AgentId != agentId)
        {
            return false;
        }

        task.AddDeclined(agentId);
        Requeue(task, now, $"{agentId} could not take it");
        return true;
    }

    /// <summary>The customer side is over: the agent wraps up (holding capacity) for the channel's wrap-up time.</summary>
    public bool Complete(Guid taskId, DateTimeOffset now)
    {
        if (!_tasks.TryGetValue(taskId, out var task))
        {
            return false;
        }

        if (task.State != RoutingTaskState.Assigned)
        {
            return Remove(taskId, now);
        }

        var wrapUp = _policy.For(task.Channel).WrapUp;
        if (wrapUp <= TimeSpan.Zero)
        {
            return Remove(taskId, now);
        }

        task.State = RoutingTaskState.WrapUp;
        task.WrapUpUntil = now + wrapUp;
        Bump(task);
        _timers.Add(RouterTimer.ForTask(RouterTimerKind.WrapUpEnd, task), now + wrapUp);
        _events.Add(new WrapUpStarted(now, taskId, task.AgentId!, now + wrapUp));
        return true;
    }

    /// <summary>An agent wrote to the customer: the task's first-response target is met (false when the task is unknown).</summary>
    public bool RecordResponse(Guid taskId)
    {
        if (!_tasks.TryGetValue(taskId, out var task))
        {
            return false;
        }

        task.Responded = true;
        return true;
    }

    /// <summary>The agent finished wrap-up early (disposition saved): capacity comes back now.</summary>
    public bool EndWrapUp(Guid taskId, DateTimeOffset now) =>
        _tasks.TryGetValue(taskId, out var task) && task.State == RoutingTaskState.WrapUp && Remove(taskId, now);

    /// <summary>The work is gone (abandoned, cancelled, finished): it releases whatever it held.</summary>
    public bool Remove(Guid taskId, DateTimeOffset now)
    {
        if (!_tasks.Remove(taskId, out var task))
        {
            return false;
        }

        var from = task.State;
        Bump(task);
        _slots.Release(task.Number);
        if (task.State == RoutingTaskState.Queued)
        {
            LeaveWaiting(task);
            task.Dirty = false;
        }
        else
        {
            ReleaseFromAgent(task, now);
        }

        _events.Add(new TaskReleased(now, taskId, task.AgentId, from));
        return true;
    }

    // ---- the routing cycle --------------------------------------------------------------------------------

    /// <summary>Fires due time-outs, then offers work to agents; see the class remarks.</summary>
    public void Route(DateTimeOffset now)
    {
        while (_timers.TryTakeDue(now, out var timer, out var at))
        {
            if (IsLive(timer))
            {
                Fire(timer, at);
            }
        }

        if (_dirtyAgents.Count > 0)
        {
            var agents = TakeDirtyAgents();
            if (agents.Count > 1)
            {
                agents.Sort((a, b) => a.IdleSince != b.IdleSince ? a.IdleSince.CompareTo(b.IdleSince) : a.Sequence.CompareTo(b.Sequence));
            }

            foreach (var agent in agents)
            {
                Sweep(agent, now);
            }

            agents.Clear();
            _spareAgents = agents;
        }

        if (_dirtyTasks.Count > 0)
        {
            var tasks = TakeDirtyTasks();
            if (tasks.Count > 1)
            {
                tasks.Sort((a, b) => a.Queue.Rank != b.Queue.Rank ? a.Queue.Rank.CompareTo(b.Queue.Rank) : _order.Compare(a, b));
            }

            foreach (var task in tasks)
            {
                MatchTask(task, now);
            }

            tasks.Clear();
            _spareTasks = tasks;
        }
    }

    // The still-flagged items of a dirty list, flags reset; the two lists swap so that nothing is allocated.
    private List<AgentState> TakeDirtyAgents()
    {
        var taken = _dirtyAgents;
        _dirtyAgents = _spareAgents;
        taken.RemoveAll(a =>
        {
            var dirty = a.Dirty;
            a.Dirty = false;
            return !dirty;
        });
        return taken;
    }

    private List<TaskState> TakeDirtyTasks()
    {
        var taken = _dirtyTasks;
        _dirtyTasks = _spareTasks;
        taken.RemoveAll(t =>
        {
            var dirty = t.Dirty && t.State == RoutingTaskState.Queued;
            t.Dirty = false;
            return !dirty;
        });
        return taken;
    }

    private void MarkDirty(TaskState task)
    {
        if (!task.Dirty)
        {
            task.Dirty = true;
            _dirtyTasks.Add(task);
        }
    }

    private void MarkDirty(AgentState agent)
    {
        if (!agent.Dirty)
        {
            agent.Dirty = true;
            _dirtyAgents.Add(agent);
        }
    }

    /// <summary>Whether the time-out still means something: its task or agent has not moved on since it was set.</summary>
    /// <remarks>Its task (or agent) and version are <see cref="MayBeLive"/>'s to check; what is left is the phase it was set for.</remarks>
    private bool IsLive(RouterTimer timer)
    {
        if (!MayBeLive(timer))
        {
            return false;
        }

        if (timer.Kind == RouterTimerKind.OfflineGrace)
        {
            return true;
        }

        var task = _slots.Get(timer.TaskNumber, timer.TaskSequence)!;
        return timer.Kind switch
        {
            RouterTimerKind.OfferExpiry => task.State == RoutingTaskState.Offered,
            RouterTimerKind.WrapUpEnd => task.State == RoutingTaskState.WrapUp,
            RouterTimerKind.StepChange => task.State == RoutingTaskState.Queued,
            RouterTimerKind.AnswerSla => task.State is RoutingTaskState.Queued or RoutingTaskState.Offered && !task.SlaBreached,
            RouterTimerKind.FirstResponseSla => !task.Responded && !task.FirstResponseBreached,
            _ => false,
        };
    }

    /// <summary>False only for a time-out that can no longer fire; from the slots' arrays alone, for <see cref="TimerQueue"/>'s sweeps.</summary>
    private bool MayBeLive(RouterTimer timer) => timer.Kind switch
    {
        RouterTimerKind.OfflineGrace => _agentsByNumber[timer.AgentNumber].OfflineVersion == timer.Version,
        RouterTimerKind.AnswerSla or RouterTimerKind.FirstResponseSla => _slots.Holds(timer.TaskNumber, timer.TaskSequence),
        _ => _slots.Holds(timer.TaskNumber, timer.TaskSequence, timer.Version),
    };

    /// <summary>Every change that makes the task's pending time-outs stale goes through here.</summary>
    private void Bump(TaskState task)
    {
        task.Version++;
        _slots.SetVersion(task.Number, task.Version);
    }

    /// <summary>Acts on a live time-out (see <see cref="IsLive"/>).</summary>
    private void Fire(RouterTimer timer, DateTimeOffset at)
    {
        if (timer.Kind == RouterTimerKind.OfflineGrace)
        {
            var gone = _agentsByNumber[timer.AgentNumber];
            foreach (var held in gone.Holding.Keys.Select(id => _tasks[id]).Where(t => t.State is RoutingTaskState.Offered or RoutingTaskState.Assigned).ToList())
            {
                Requeue(held, at, $"{gone.Id} went offline");
            }

            return;
        }

        var task = _slots.Get(timer.TaskNumber, timer.TaskSequence)!;
        switch (timer.Kind)
        {
            case RouterTimerKind.OfferExpiry:
                var agent = KnownAgent(task.AgentId!);
                task.AddDeclined(agent.Id);
                agent.MissedInARow++;
                _events.Add(new OfferExpired(at, task.Id, agent.Id));
                Requeue(task, at, $"offer to {agent.Id} timed out");
                if (agent.MissedInARow >= _policy.MissedOffersBeforeAway && agent.IsOnlineAnywhere)
                {
                    // Away, not offline: they keep the work they hold, they just get no new offers.
                    var missed = agent.MissedInARow;
                    var before = BeginAgentChange(agent, presenceChanges: true);
                    agent.SetAvailable([]);
                    EndAgentChange(agent, before, presenceChanges: true, at);
                    _events.Add(new AgentSetAway(at, agent.Id, missed));
                }

                break;
            case RouterTimerKind.WrapUpEnd:
                Remove(task.Id, at);
                break;
            case RouterTimerKind.StepChange:
                Refresh(task, at);
                MarkDirty(task);
                ScheduleNextStep(task, at);
                break;
            case RouterTimerKind.AnswerSla:
                task.SlaBreached = true;
                Breach(task, SlaKind.Answer, _policy.For(task.Channel).AnswerWithin!.Value, at);
                break;
            case RouterTimerKind.FirstResponseSla:
                task.FirstResponseBreached = true;
                Breach(task, SlaKind.FirstResponse, _policy.For(task.Channel).FirstResponseWithin!.Value, at);
                break;
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /// <summary>A missed target raises the task's priority (a waiting task moves up its queue at once) and tells supervisors.</summary>
    private void Breach(TaskState task, SlaKind kind, TimeSpan target, DateTimeOffset at)
    {
        var boost = _policy.For(task.Channel).SlaBreachPriorityBoost;
        if (task.State == RoutingTaskState.Queued)
        {
            LeaveWaiting(task);
            task.Priority += boost;
            EnterWaiting(task, at);
        }
        else
        {
            task.Priority += boost;
        }

        _events.Add(new SlaBreached(at, task.Id, task.Channel, target, task.Priority, kind));
    }

    private AgentState KnownAgent(string agentId) =>
        _agents.TryGetValue(agentId, out var agent) ? agent : throw new KeyNotFoundException($"Unknown agent '{agentId}'.");

    /// <summary>
    /// Every change to an agent's keys goes between this and <see cref="EndAgentChange"/>, so the index never holds
    /// a stale order. Returns the free units before the change.
    /// </summary>
    /// <param name="presenceChanges">False for work taken or given back: who is online stays the same, so the counts do too.</param>
    private int BeginAgentChange(AgentState agent, bool presenceChanges)
    {
        AgentIndex.Leave(agent);
        if (presenceChanges)
        {
            _online.Count(agent, -1);
        }

        return agent.FreeUnits;
    }

    private void EndAgentChange(AgentState agent, int freeBefore, bool presenceChanges, DateTimeOffset now)
    {
        if (presenceChanges)
        {
            _online.Count(agent, +1);
        }

        _index.Enter(agent);
        if (agent.IsOnlineAnywhere && (agent.FreeUnits > freeBefore || agent.Memberships.Count > 0))
        {
            MarkDirty(agent);
        }

        if (presenceChanges)
        {
            RefreshAfterPresenceChange(agent, now);
        }
    }

    private void Requeue(TaskState task, DateTimeOffset now, string reason)
    {
        var from = task.AgentId;
        ReleaseFromAgent(task, now);
        EnterWaiting(task, now);
        _events.Add(new TaskRequeued(now, task.Id, from, reason));
    }

    private void ReleaseFromAgent(TaskState task, DateTimeOffset now)
    {
        if (task.AgentId is { } agentId && _agents.TryGetValue(agentId, out var agent))
        {
            var before = BeginAgentChange(agent, presenceChanges: false);
            agent.Release(task.Id, task.Channel);
            if (agent.Holding.Count == 0)
            {
                agent.IdleSince = now;
            }

            EndAgentChange(agent, before, presenceChanges: false, now);
        }
    }

    private void Assign(TaskState task, AgentState agent, DateTimeOffset now, bool autoAccepted)
    {
        task.State = RoutingTaskState.Assigned;
        task.OfferExpiresAt = null;
        Bump(task);
        agent.MissedInARow = 0;
        _events.Add(new TaskAssigned(now, task.Id, agent.Id, autoAccepted));
    }
}
