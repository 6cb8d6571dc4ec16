using Connector.Core.Routing;
using Connector.Core.Routing.Engine;
using Connector.Core.Routing.Policy;
using Connector.Core.Storage;

namespace Connector.Worker.Routing;

/// <summary>
/// The router while this Worker holds the lock: an engine rebuilt from the store, kept in step with it each tick
/// (new work, work closed elsewhere, agents' actions), and every decision written back with its explanation.
/// </summary>
internal sealed class RouterSession(RoutingPolicy policy, IRoutingStore store, string instance, ILogger logger)
{
    // Each tick reads only the tasks changed since the last one, re-reading a little of the past so that a row
    // written by another Worker whose clock lags ours is not missed; a full read now and then is the safety net.
    private static readonly TimeSpan FeedOverlap = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FullResyncInterval = TimeSpan.FromMinutes(5);

    private readonly RoutingEngine _engine = new(policy);
    private readonly HashSet<Guid> _known = [];
    private DateTimeOffset _watermark = DateTimeOffset.MinValue;
    private DateTimeOffset _lastFullRead = DateTimeOffset.MinValue;

    public async Task RebuildAsync(DateTimeOffset now, CancellationToken ct)
    {
        foreach (var agent in await store.ListAgentsAsync(ct))
        {
            ApplyAgent(agent, now);
        }

        var changes = new List<TaskRoutingChange>();
        foreach (var task in await store.ListOpenTasksAsync(ct))
        {
            var item = WorkItemFactory.Create(task, policy, await store.FindLastAgentAsync(task.CustomerId, ct));
            if (task.State is RoutingTaskState.Assigned or RoutingTaskState.WrapUp && task.AssignedAgentId is { } agentId && _engine.GetAgent(agentId) is not null)
            {
                _engine.Restore(item, agentId, task.State == RoutingTaskState.WrapUp ? task.WrapUpUntil ?? now : null, now);
            }
            else
            {
                // Offers in flight are made again: the agent who had one may well get it back.
                _engine.Enqueue(item, now);
                if (task.State != RoutingTaskState.Queued)
                {
                    changes.Add(new TaskRoutingChange(task.Id, RoutingTaskState.Queued, null, item.Queue, null, null, null, null, now));
                }
            }

            _known.Add(task.Id);
            _watermark = task.UpdatedAt > _watermark ? task.UpdatedAt : _watermark;
        }

        _lastFullRead = now;
        _watermark = now > _watermark ? now : _watermark;

        await store.SaveRoutingAsync(changes, [], instance, ct);
        logger.LogInformation("Router state rebuilt: {Agents} agents, {Tasks} open tasks ({Queued} queued)", _engine.Agents.Count(), _known.Count, _engine.QueuedCount);
    }

    public async Task TickAsync(DateTimeOffset now, CancellationToken ct)
    {
        var results = new List<(long Id, string Result)>();
        foreach (var command in await store.ListPendingCommandsAsync(ct))
        {
            results.Add((command.Id, await ApplyAsync(command, now, ct)));
        }

        if (results.Count > 0)
        {
            // The agent's request is answered once its effect is in the store, so what they read next agrees with it.
            await PersistAsync(now, ct);
            foreach (var (id, result) in results)
            {
                await store.CompleteCommandAsync(id, result, now, ct);
            }
        }

        if (now - _lastFullRead >= FullResyncInterval)
        {
            await ReadAllOpenTasksAsync(now, ct);
        }
        else
        {
            foreach (var task in await store.ListTasksChangedSinceAsync(_watermark - FeedOverlap, ct))
            {
                await ApplyTaskAsync(task, now, ct);
                _watermark = task.UpdatedAt > _watermark ? task.UpdatedAt : _watermark;
            }
        }

        _engine.Route(now);
        await PersistAsync(now, ct);
    }

    private async Task ReadAllOpenTasksAsync(DateTimeOffset now, CancellationToken ct)
    {
        var openIds = new HashSet<Guid>();
        foreach (var task in await store.ListOpenTasksAsync(ct))
        {
            openIds.Add(task.Id);
            await ApplyTaskAsync(task, now, ct);
            _watermark = task.UpdatedAt > _watermark ? task.UpdatedAt : _watermark;
        }

        foreach (var gone in _known.Where(id => !openIds.Contains(id)).ToList())
        {
            Release(gone, now);
        }

        _lastFullRead = now;
        _watermark = now > _watermark ? now : _watermark;
    }

    private async Task ApplyTaskAsync(RoutingTask task, DateTimeOffset now, CancellationToken ct)
    {
        if (!task.IsOpen)
        {
            if (_known.Contains(task.Id))
            {
                Release(task.Id, now);
            }
        }
        else if (_known.Add(task.Id))
        {
            var item = WorkItemFactory.Create(task, policy, await store.FindLastAgentAsync(task.CustomerId, ct));
            if (task.State == RoutingTaskState.Assigned && task.AssignedAgentId is { } agentId && await KnowsAgentAsync(agentId, now, ct))
            {
                // Work that starts with its agent (an agent's outbound call) holds that agent's capacity from the start.
                _engine.Restore(item, agentId, null, now);
            }
            else
            {
                _engine.Enqueue(item, now);
            }
        }
        else if (task.State == RoutingTaskState.WrapUp && _engine.GetTask(task.Id)?.State == RoutingTaskState.Assigned)
        {
            // The customer hung up (intake saw the call end): the agent wraps up.
            _engine.Complete(task.Id, now);
        }
    }

    // The agent's own command may still be on its way (this tick listed the commands before it was written, then read
    // their work): read the agent now rather than put work that is theirs from the start in the queue for anyone.
    private async Task<bool> KnowsAgentAsync(string agentId, DateTimeOffset now, CancellationToken ct)
    {
        if (_engine.GetAgent(agentId) is null && await store.GetAgentAsync(agentId, ct) is { } stored)
        {
            ApplyAgent(stored, now);
        }

        return _engine.GetAgent(agentId) is not null;
    }

    // Closed elsewhere (abandoned, completed): release whatever it held.
    private void Release(Guid taskId, DateTimeOffset now)
    {
        _engine.Remove(taskId, now);
        _known.Remove(taskId);
    }

    private async Task<string> ApplyAsync(RoutingCommand command, DateTimeOffset now, CancellationToken ct)
    {
        switch (command.Kind)
        {
            case RoutingCommand.Accept:
                return _engine.Accept(command.TaskId!.Value, command.AgentId!, now) ? "accepted" : $"rejected: task {command.TaskId} is not on offer to {command.AgentId} (the offer may have timed out)";
            case RoutingCommand.Decline:
                return _engine.Decline(command.TaskId!.Value, command.AgentId!, now) ? "declined" : $"rejected: task {command.TaskId} is not on offer to {command.AgentId}";
            case RoutingCommand.EndWrapUp:
                return _engine.EndWrapUp(command.TaskId!.Value, now) ? "wrap-up ended" : $"rejected: task {command.TaskId} is not in wrap-up";
            case RoutingCommand.WrapUp:
                return _engine.GetTask(command.TaskId!.Value) is { State: RoutingTaskState.Assigned or RoutingTaskState.WrapUp } held && held.AgentId == command.AgentId && _engine.Remove(held.TaskId, now)
                    ? "wrapped up" : $"rejected: task {command.TaskId} is not assigned to {command.AgentId}";
            case RoutingCommand.Requeue:
                // The agent's line never answered: the work goes back to its queue (keeping its age), barred from that agent.
                return _engine.Reclaim(command.TaskId!.Value, command.AgentId!, now) ? "requeued" : $"rejected: task {command.TaskId} is not with {command.AgentId}";
            case RoutingCommand.Responded:
                return _engine.RecordResponse(command.TaskId!.Value) ? "recorded" : $"rejected: task {command.TaskId} is not open";
            case RoutingCommand.AgentChanged:
                var agent = await store.GetAgentAsync(command.AgentId!, ct);
                if (agent is null)
                {
                    return $"rejected: unknown agent {command.AgentId}";
                }

                ApplyAgent(agent, now);
                return "applied";
            default:
                return $"rejected: unknown command {command.Kind}";
        }
    }

    private void ApplyAgent(Agent agent, DateTimeOffset now)
    {
        if (!policy.CapacityProfiles.ContainsKey(agent.CapacityProfile))
        {
            logger.LogWarning("Agent {AgentId} names capacity profile {Profile}, which the charter does not define; not routed to", agent.Id, agent.CapacityProfile);
            return;
        }

        _engine.UpsertAgent(agent, now);
        _engine.SetAvailability(agent.Id, agent.Channels, now);
    }

    private async Task PersistAsync(DateTimeOffset now, CancellationToken ct)
    {
        var events = _engine.DrainEvents();
        var decisions = _engine.DrainDecisions();
        var breaches = events.OfType<SlaBreached>().Where(b => b.Kind == SlaKind.Answer).ToDictionary(b => b.TaskId, b => b.At);
        var firstResponseBreaches = events.OfType<SlaBreached>().Where(b => b.Kind == SlaKind.FirstResponse).ToDictionary(b => b.TaskId, b => b.At);
        var assigned = events.OfType<TaskAssigned>().Select(a => a.TaskId).ToHashSet();
        var handled = events.OfType<TaskReleased>().Where(r => r.From is RoutingTaskState.Assigned or RoutingTaskState.WrapUp && r.AgentId is not null)
            .GroupBy(r => r.TaskId).ToDictionary(g => g.Key, g => g.Last().AgentId!);
        var eventsOf = events.Where(e => TaskOf(e) is not null).GroupBy(e => TaskOf(e)!.Value).ToDictionary(g => g.Key, g => (IReadOnlyList<RoutingEvent>)[.. g]);
        var changes = new List<TaskRoutingChange>();
        foreach (var taskId in events.Select(TaskOf).OfType<Guid>().Distinct())
        {
            var at = breaches.TryGetValue(taskId, out var breachedAt) ? breachedAt : (DateTimeOffset?)null;
            var snapshot = _engine.GetTask(taskId);
            changes.Add(snapshot is null
                ? new TaskRoutingChange(taskId, RoutingTaskState.Completed, handled.GetValueOrDefault(taskId), null, null, null, null, at, now) { HandledToTheEnd = handled.ContainsKey(taskId), Events = eventsOf[taskId] }
                : new TaskRoutingChange(taskId, snapshot.State, snapshot.AgentId, snapshot.Queue, snapshot.Priority, snapshot.OfferExpiresAt,
                    snapshot.State == RoutingTaskState.WrapUp ? events.OfType<WrapUpStarted>().LastOrDefault(w => w.TaskId == taskId)?.Until : null, at, now)
                {
                    AssignedNow = assigned.Contains(taskId) && snapshot.State == RoutingTaskState.Assigned,
                    DeclinedBy = [.. snapshot.Declined.Order(StringComparer.Ordinal)],
                    FirstResponseBreachedAt = firstResponseBreaches.TryGetValue(taskId, out var firstResponseAt) ? firstResponseAt : null,
                    Events = eventsOf[taskId],
                });
            if (snapshot is null)
            {
                _known.Remove(taskId);
            }
        }

        foreach (var away in events.OfType<AgentSetAway>())
        {
            var stored = await store.SetAgentAwayAsync(away.AgentId, away.At, ct);
            logger.LogWarning("Agent {AgentId} missed {Missed} offers in a row and is set away{Stored}", away.AgentId, away.MissedOffers,
                stored ? "" : " (not stored: they changed their presence since)");
        }

        foreach (var breach in events.OfType<SlaBreached>())
        {
            logger.LogWarning("SLA breached: {Channel} task {TaskId} missed its {Kind} target of {Target}; priority raised to {Priority}", breach.Channel, breach.TaskId, breach.Kind, breach.Target, breach.NewPriority);
        }

        await store.SaveRoutingAsync(changes, decisions, instance, ct);
    }

    private static Guid? TaskOf(RoutingEvent e) => e switch
    {
        OfferMade x => x.TaskId,
        OfferExpired x => x.TaskId,
        OfferDeclined x => x.TaskId,
        TaskAssigned x => x.TaskId,
        TaskRequeued x => x.TaskId,
        WrapUpStarted x => x.TaskId,
        TaskReleased x => x.TaskId,
        SlaBreached x => x.TaskId,
        _ => null,
    };
}
