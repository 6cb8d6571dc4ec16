using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Connector.Core.Routing;
using Connector.Core.Routing.Engine;
using Connector.Core.Routing.Policy;
using Connector.Core.Storage;
using Connector.Worker.Telemetry;

namespace Connector.Worker.Routing;

/// <summary>
/// The router while this Worker holds the lock: an engine rebuilt from the store, kept in step with it each tick
/// (new work, work closed elsewhere, agents' actions), and every decision written back with its explanation.
/// Quarantined tasks are left out. A failure that can be pinned on one task is thrown as
/// <see cref="RoutingTaskFailedException"/> (taking it in, or saving its change: a batch that fails to save is saved
/// task by task to find the one); an engine failure that cannot as <see cref="RoutingEngineFailedException"/>.
/// </summary>
internal sealed class RouterSession(RoutingPolicy policy, IRoutingStore store, string instance, ILogger logger, TimeSpan? feedInterval = null, Telemetry.ConnectorMetrics? metrics = null)
{
    // The change feed reads the tasks changed since the last read, re-reading a little of the past so that a row
    // written by another Worker whose clock lags ours is not missed; a full read now and then is the safety net. When
    // the cycle was woken by the ids of the tasks written (intake's signal), it reads just those, and the feed runs at
    // its slower pace (<see cref="RouterOptions.FeedInterval"/>) for what no signal named.
    private static readonly TimeSpan FeedOverlap = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FullResyncInterval = TimeSpan.FromMinutes(5);

    private readonly RoutingEngine _engine = new(policy);
    private readonly HashSet<Guid> _known = [];

    // The trace each open task was opened under (its row's trace_parent), so that its decisions join that trace.
    private readonly Dictionary<Guid, string> _traces = [];
    private readonly TimeSpan _feedInterval = feedInterval ?? TimeSpan.Zero;
    private DateTimeOffset _watermark = DateTimeOffset.MinValue;
    private DateTimeOffset _lastFeedRead = DateTimeOffset.MinValue;
    private DateTimeOffset _lastFullRead = DateTimeOffset.MinValue;

    /// <param name="isolate">
    /// After the engine failed without naming a task: route after taking in each waiting task, so that the one that
    /// makes it fail is found (and reported) rather than failing the whole router again. Slower, and only then.
    /// </param>
    public async Task RebuildAsync(DateTimeOffset now, bool isolate, CancellationToken ct)
    {
        foreach (var agent in await store.ListAgentsAsync(ct))
        {
            ApplyAgent(agent, now);
        }

        var changes = new List<TaskRoutingChange>();
        var open = (await store.ListOpenTasksAsync(ct)).Where(t => t.QuarantinedAt is null).ToList();
        var lastAgents = await store.FindLastAgentsAsync([.. open.Select(t => t.CustomerId)], ct);
        foreach (var task in open)
        {
            var lastAgent = lastAgents.TryGetValue(task.CustomerId, out var last) ? last : ((string, DateTimeOffset)?)null;
            var requeued = false;
            OfTask(task.Id, () =>
            {
                var item = WorkItemFactory.Create(task, policy, lastAgent);
                if (task.State is RoutingTaskState.Assigned or RoutingTaskState.WrapUp && task.AssignedAgentId is { } agentId && _engine.GetAgent(agentId) is not null)
                {
                    _engine.Restore(item, agentId, task.State == RoutingTaskState.WrapUp ? task.WrapUpUntil ?? now : null, now);
                }
                else
                {
                    // Offers in flight are made again: the agent who had one may well get it back.
                    _engine.Enqueue(item, now);
                    requeued = task.State != RoutingTaskState.Queued;
                    if (requeued)
                    {
                        changes.Add(new TaskRoutingChange(task.Id, RoutingTaskState.Queued, null, item.Queue, null, null, null, null, now));
                    }

                    if (isolate)
                    {
                        _engine.Route(now);
                    }
                }
            });

            Know(task);
            _watermark = task.UpdatedAt > _watermark ? task.UpdatedAt : _watermark;
        }

        _lastFullRead = _lastFeedRead = now;
        _watermark = now > _watermark ? now : _watermark;

        await SaveAsync(changes, [], [], ct);
        if (isolate)
        {
            // What the one-by-one routing decided.
            await PersistAsync(now, [], ct);
        }

        logger.LogInformation("Router state rebuilt: {Agents} agents, {Tasks} open tasks ({Queued} queued)", _engine.Agents.Count(), _known.Count, _engine.QueuedCount);
    }

    /// <summary>
    /// One cycle: the agents' commands, the work written since the last one, routing, and all of it written back in
    /// one transaction with the commands' results.
    /// </summary>
    /// <param name="written">
    /// The tasks a signal named since the last cycle, read by id; null when signals may have been missed (or none
    /// are sent): the change feed is read instead.
    /// </param>
    public async Task TickAsync(DateTimeOffset now, CancellationToken ct, IReadOnlyCollection<Guid>? written = null)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var completed = new List<CommandCompletion>();
        foreach (var command in await store.ListPendingCommandsAsync(ct))
        {
            completed.Add(new CommandCompletion(command.Id, await ApplyAsync(command, now, ct), now));
        }

        if (now - _lastFullRead >= FullResyncInterval)
        {
            await ReadAllOpenTasksAsync(now, ct);
        }
        else if (written is null || now - _lastFeedRead >= _feedInterval)
        {
            var changed = await store.ListTasksChangedSinceAsync(_watermark - FeedOverlap, ct);
            await ApplyTasksAsync(changed, now, ct);
            _watermark = changed.Count > 0 && changed.Max(t => t.UpdatedAt) is var latest && latest > _watermark ? latest : _watermark;
            _lastFeedRead = now;
        }
        else if (written.Count > 0)
        {
            await ApplyTasksAsync(await store.ListTasksAsync(written, ct), now, ct);
        }

        var read = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        try
        {
            _engine.Route(now);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new RoutingEngineFailedException(ex);
        }

        var routed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        // The agent's request is answered once its effect is in the store (in the same transaction), so what they
        // read next agrees with it.
        await PersistAsync(now, completed, ct);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            // Where a cycle's time goes, for the load tool's runs: reading the store, deciding, writing back.
            logger.LogDebug("Router cycle: {Commands} commands; read {Read:0.0} ms, route {Route:0.00} ms, save {Save:0.0} ms",
                completed.Count, read.TotalMilliseconds, (routed - read).TotalMilliseconds, (System.Diagnostics.Stopwatch.GetElapsedTime(started) - routed).TotalMilliseconds);
        }
    }

    private async Task ReadAllOpenTasksAsync(DateTimeOffset now, CancellationToken ct)
    {
        var open = await store.ListOpenTasksAsync(ct);
        var openIds = open.Select(t => t.Id).ToHashSet();
        await ApplyTasksAsync(open, now, ct);
        _watermark = open.Count > 0 && open.Max(t => t.UpdatedAt) is var latest && latest > _watermark ? latest : _watermark;

        foreach (var gone in _known.Where(id => !openIds.Contains(id)).ToList())
        {
            Release(gone, now);
        }

        _lastFullRead = _lastFeedRead = now;
        _watermark = now > _watermark ? now : _watermark;
    }

    // The last agent of every customer with new work is read in one query for the whole cycle.
    private async Task ApplyTasksAsync(IReadOnlyList<RoutingTask> tasks, DateTimeOffset now, CancellationToken ct)
    {
        var newCustomers = tasks.Where(t => t.IsOpen && t.QuarantinedAt is null && !_known.Contains(t.Id)).Select(t => t.CustomerId).ToHashSet();
        var lastAgents = newCustomers.Count == 0 ? new Dictionary<Guid, (string, DateTimeOffset)>() : await store.FindLastAgentsAsync(newCustomers, ct);
        foreach (var task in tasks)
        {
            await ApplyTaskAsync(task, lastAgents, now, ct);
        }
    }

    private async Task ApplyTaskAsync(RoutingTask task, IReadOnlyDictionary<Guid, (string AgentId, DateTimeOffset At)> lastAgents, DateTimeOffset now, CancellationToken ct)
    {
        if (!task.IsOpen || task.QuarantinedAt is not null)
        {
            if (_known.Contains(task.Id))
            {
                Release(task.Id, now);
            }
        }
        else if (!_known.Contains(task.Id))
        {
            var lastAgent = lastAgents.TryGetValue(task.CustomerId, out var last) ? last : ((string, DateTimeOffset)?)null;
            var startsWithAgent = task.State == RoutingTaskState.Assigned && task.AssignedAgentId is { } holder && await KnowsAgentAsync(holder, now, ct);
            OfTask(task.Id, () =>
            {
                var item = WorkItemFactory.Create(task, policy, lastAgent);
                if (startsWithAgent)
                {
                    // Work that starts with its agent (an agent's outbound call) holds that agent's capacity from the start.
                    _engine.Restore(item, task.AssignedAgentId!, null, now);
                }
                else
                {
                    _engine.Enqueue(item, now);
                }
            });
            Know(task);
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
        Forget(taskId);
    }

    private void Know(RoutingTask task)
    {
        _known.Add(task.Id);
        if (task.TraceParent is { } traceParent)
        {
            _traces[task.Id] = traceParent;
        }
    }

    private void Forget(Guid taskId)
    {
        _known.Remove(taskId);
        _traces.Remove(taskId);
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

    private async Task PersistAsync(DateTimeOffset now, IReadOnlyList<CommandCompletion> completed, CancellationToken ct)
    {
        var events = _engine.DrainEvents();
        var decisions = _engine.DrainDecisions();
        metrics?.Offers(events);
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
                Forget(taskId);
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

        var spans = DecisionSpans(decisions, now);
        try
        {
            await SaveAsync(changes, decisions, completed, ct);
        }
        catch (Exception ex)
        {
            foreach (var span in spans)
            {
                span.Failed(ex);
            }

            throw;
        }
        finally
        {
            foreach (var span in spans)
            {
                span.Dispose();
            }
        }
    }

    /// <summary>
    /// One <c>routing.decide</c> span per decision of a traced task, a child of the task's intake: from the cycle's
    /// start to its decision being saved. Nothing is made when nobody listens.
    /// </summary>
    private List<Activity> DecisionSpans(IReadOnlyList<RoutingDecision> decisions, DateTimeOffset cycleStart)
    {
        var spans = new List<Activity>();
        if (_traces.Count == 0 || !ConnectorTracing.Source.HasListeners())
        {
            return spans;
        }

        var outside = Activity.Current;
        foreach (var decision in decisions)
        {
            if (_traces.TryGetValue(decision.TaskId, out var traceParent) && ConnectorTracing.StartFrom("routing.decide", traceParent, cycleStart) is { } span)
            {
                span.SetTag("connector.task.id", decision.TaskId);
                span.SetTag("connector.routing.queue", decision.Queue);
                span.SetTag("connector.routing.outcome", decision.Outcome);
                span.SetTag("connector.routing.agent", decision.AgentId);
                spans.Add(span);
            }
        }

        // Each is a child of its own task's intake, not of the cycle: the saving goes on outside them.
        Activity.Current = outside;
        return spans;
    }

    // The engine's own exceptions while taking a task in are that task's; the store's reads stay outside, so a lost
    // database is never blamed on a task.
    private static void OfTask(Guid taskId, Action take)
    {
        try
        {
            take();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new RoutingTaskFailedException(taskId, ex);
        }
    }

    /// <summary>
    /// Saves a cycle's changes and command results in one transaction; when that fails, task by task (each with its
    /// decisions), so that the others are kept and the task that cannot be saved is named. When every one fails, the
    /// store is at fault. The commands are completed only when every change was saved: otherwise the next session,
    /// rebuilt from the store, applies them again.
    /// </summary>
    private async Task SaveAsync(List<TaskRoutingChange> changes, IReadOnlyList<RoutingDecision> decisions, IReadOnlyList<CommandCompletion> completed, CancellationToken ct)
    {
        try
        {
            await store.SaveRoutingAsync(changes, decisions, completed, instance, ct);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !IsStoreDown(ex) && changes.Count > 0)
        {
            logger.LogWarning("Saving {Count} routing changes failed ({Error}); saving them one by one to find the task at fault", changes.Count, ex.GetType().Name);
        }

        var byTask = decisions.ToLookup(d => d.TaskId);
        (Guid TaskId, Exception Error)? failed = null;
        var saved = 0;
        foreach (var change in changes)
        {
            try
            {
                await store.SaveRoutingAsync([change], [.. byTask[change.TaskId]], [], instance, ct);
                saved++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !IsStoreDown(ex))
            {
                failed ??= (change.TaskId, ex);
            }
        }

        var changed = changes.Select(c => c.TaskId).ToHashSet();
        var orphans = decisions.Where(d => !changed.Contains(d.TaskId)).ToList();
        await store.SaveRoutingAsync([], orphans, failed is null ? completed : [], instance, ct);

        if (failed is { } culprit)
        {
            // One task alone cannot tell a broken row from a broken store; the count before quarantine allows for that.
            if (saved == 0 && changes.Count > 1)
            {
                ExceptionDispatchInfo.Throw(culprit.Error);
            }

            throw new RoutingTaskFailedException(culprit.TaskId, culprit.Error);
        }
    }

    private static bool IsStoreDown(Exception ex) => ex is TimeoutException || ex is System.Data.Common.DbException { IsTransient: true };

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
