using Connector.Core.Routing;
using Connector.Core.Routing.Engine;
using Connector.Core.Storage;

namespace Connector.Worker.Tests.Routing;

/// <summary>
/// The Worker's routing store with faults the test switches on: the next few router cycles throw at their start
/// (<see cref="FailNextCycles"/>), or every save that touches one task throws (<see cref="Poison"/>). Everything else
/// goes to the real store. Registered in place of the store in an in-process Worker, nowhere else.
/// </summary>
public sealed class FaultyRoutingStore(IRoutingStore inner) : IRoutingStore
{
    private int _failCycles;
    private int _cycleFaults;
    private int _poisonFaults;

    /// <summary>A task whose every save fails, as if its row could not be written.</summary>
    public Guid? Poison { get; set; }

    /// <summary>How many cycle faults were thrown.</summary>
    public int CycleFaults => Volatile.Read(ref _cycleFaults);

    /// <summary>How many saves failed because they touched <see cref="Poison"/>.</summary>
    public int PoisonFaults => Volatile.Read(ref _poisonFaults);

    public void FailNextCycles(int count) => Volatile.Write(ref _failCycles, count);

    public Task<IReadOnlyList<RoutingCommand>> ListPendingCommandsAsync(CancellationToken ct)
    {
        // The router reads its commands first thing every cycle; nobody else does.
        if (Interlocked.Decrement(ref _failCycles) >= 0)
        {
            Interlocked.Increment(ref _cycleFaults);
            throw new InjectedFaultException("cycle");
        }

        return inner.ListPendingCommandsAsync(ct);
    }

    public Task SaveRoutingAsync(
        IReadOnlyList<TaskRoutingChange> changes, IReadOnlyList<RoutingDecision> decisions, IReadOnlyList<CommandCompletion> completed, string decidedBy, CancellationToken ct)
    {
        if (Poison is { } poison && (changes.Any(c => c.TaskId == poison) || decisions.Any(d => d.TaskId == poison)))
        {
            Interlocked.Increment(ref _poisonFaults);
            throw new InjectedFaultException($"task {poison}");
        }

        return inner.SaveRoutingAsync(changes, decisions, completed, decidedBy, ct);
    }

    public Task UpsertAgentAsync(Agent agent, CancellationToken ct) => inner.UpsertAgentAsync(agent, ct);

    public Task<bool> SetAgentChannelsAsync(string agentId, IReadOnlyCollection<Core.Channels.Channel> channels, DateTimeOffset at, CancellationToken ct) =>
        inner.SetAgentChannelsAsync(agentId, channels, at, ct);

    public Task<bool> SetAgentAwayAsync(string agentId, DateTimeOffset at, CancellationToken ct) => inner.SetAgentAwayAsync(agentId, at, ct);

    public Task<Agent?> GetAgentAsync(string agentId, CancellationToken ct) => inner.GetAgentAsync(agentId, ct);

    public Task<IReadOnlyList<Agent>> ListAgentsAsync(CancellationToken ct) => inner.ListAgentsAsync(ct);

    public Task<RoutingTask?> FindTaskAsync(Guid taskId, CancellationToken ct) => inner.FindTaskAsync(taskId, ct);

    public Task<IReadOnlyList<RoutingTask>> ListOpenTasksAsync(CancellationToken ct) => inner.ListOpenTasksAsync(ct);

    public Task<IReadOnlyList<RoutingTask>> ListOpenTasksAsync(Guid conversationId, CancellationToken ct) => inner.ListOpenTasksAsync(conversationId, ct);

    public Task<IReadOnlyList<(RoutingTask Task, DateTimeOffset? HeldSince)>> ListHeldTasksAsync(IReadOnlyCollection<string>? agentIds, CancellationToken ct) =>
        inner.ListHeldTasksAsync(agentIds, ct);

    public Task<IReadOnlyList<QueueWork>> CountQueueWorkAsync(
        DateTimeOffset arrivedSince, IReadOnlyDictionary<Core.Channels.Channel, DateTimeOffset> lateBefore, CancellationToken ct) =>
        inner.CountQueueWorkAsync(arrivedSince, lateBefore, ct);

    public Task<IReadOnlySet<string>> ListBusyAgentsAsync(CancellationToken ct) => inner.ListBusyAgentsAsync(ct);

    public Task<IReadOnlyList<RoutingTask>> ListTasksChangedSinceAsync(DateTimeOffset since, CancellationToken ct) => inner.ListTasksChangedSinceAsync(since, ct);

    public Task<IReadOnlyList<RoutingTask>> ListTasksAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken ct) => inner.ListTasksAsync(taskIds, ct);

    public Task<IReadOnlyDictionary<Guid, (string AgentId, DateTimeOffset At)>> FindLastAgentsAsync(IReadOnlyCollection<Guid> customerIds, CancellationToken ct) =>
        inner.FindLastAgentsAsync(customerIds, ct);

    public Task<bool> QuarantineTaskAsync(Guid taskId, string reason, DateTimeOffset at, CancellationToken ct) => inner.QuarantineTaskAsync(taskId, reason, at, ct);

    public Task<bool> ReleaseQuarantineAsync(Guid taskId, DateTimeOffset at, CancellationToken ct) => inner.ReleaseQuarantineAsync(taskId, at, ct);

    public Task<IReadOnlyList<RoutingDecision>> ListDecisionsAsync(Guid taskId, CancellationToken ct) => inner.ListDecisionsAsync(taskId, ct);

    public Task<Page<RoutingDecision>> ListDecisionsAsync(Guid taskId, (DateTimeOffset At, Guid Id)? after, int limit, CancellationToken ct) =>
        inner.ListDecisionsAsync(taskId, after, limit, ct);

    public Task<Page<RoutingTask>> ListSlaBreachesAsync(SlaBreachQuery query, CancellationToken ct) => inner.ListSlaBreachesAsync(query, ct);

    public Task RecordFirstResponseAsync(Guid conversationId, string agentId, DateTimeOffset at, CancellationToken ct) =>
        inner.RecordFirstResponseAsync(conversationId, agentId, at, ct);

    public Task<long> EnqueueCommandAsync(string kind, Guid? taskId, string? agentId, DateTimeOffset at, CancellationToken ct) =>
        inner.EnqueueCommandAsync(kind, taskId, agentId, at, ct);

    public Task<string?> GetCommandResultAsync(long id, CancellationToken ct) => inner.GetCommandResultAsync(id, ct);

    public Task<string?> WaitForCommandResultAsync(long id, TimeSpan timeout, CancellationToken ct) => inner.WaitForCommandResultAsync(id, timeout, ct);
}

/// <summary>An exception none of the Worker's code expects: what a bug looks like to the router.</summary>
public sealed class InjectedFaultException(string where) : Exception($"Injected fault: {where}");
