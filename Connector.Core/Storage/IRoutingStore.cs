using Connector.Core.Routing;
using Connector.Core.Routing.Engine;

namespace Connector.Core.Storage;

/// <summary>What the router keeps: agents, its view of the tasks, its decisions, and the commands sent to it.</summary>
public interface IRoutingStore
{
    Task UpsertAgentAsync(Agent agent, CancellationToken ct);

    /// <summary>False when the agent is unknown.</summary>
    Task<bool> SetAgentChannelsAsync(string agentId, IReadOnlyCollection<Channels.Channel> channels, DateTimeOffset at, CancellationToken ct);

    /// <summary>
    /// The router set the agent away (they missed offers in a row): no channels, so every Worker, the agents API and a
    /// router that takes over agree. Not when the agent changed their presence since <paramref name="at"/>: theirs wins.
    /// </summary>
    Task<bool> SetAgentAwayAsync(string agentId, DateTimeOffset at, CancellationToken ct);

    Task<Agent?> GetAgentAsync(string agentId, CancellationToken ct);

    Task<IReadOnlyList<Agent>> ListAgentsAsync(CancellationToken ct);

    /// <summary>One task in any state; null when unknown.</summary>
    Task<RoutingTask?> FindTaskAsync(Guid taskId, CancellationToken ct);

    /// <summary>Tasks queued, offered, assigned or in wrap-up.</summary>
    Task<IReadOnlyList<RoutingTask>> ListOpenTasksAsync(CancellationToken ct);

    /// <summary>The open tasks of one conversation.</summary>
    Task<IReadOnlyList<RoutingTask>> ListOpenTasksAsync(Guid conversationId, CancellationToken ct);

    /// <summary>
    /// The agents board's work: the tasks offered or given to agents (all agents when <paramref name="agentIds"/> is
    /// null), as many as their capacity allows; each with when its agent was last offered or given it (null when the
    /// router never decided it: a call the agent placed).
    /// </summary>
    Task<IReadOnlyList<(RoutingTask Task, DateTimeOffset? HeldSince)>> ListHeldTasksAsync(IReadOnlyCollection<string>? agentIds, CancellationToken ct);

    /// <summary>
    /// The queue board's figures, counted by the store over every open task and the tasks that arrived at or after
    /// <paramref name="arrivedSince"/>. A task waiting since before its channel's entry in <paramref name="lateBefore"/>
    /// is late, breach marked or not.
    /// </summary>
    Task<IReadOnlyList<QueueWork>> CountQueueWorkAsync(DateTimeOffset arrivedSince, IReadOnlyDictionary<Channels.Channel, DateTimeOffset> lateBefore, CancellationToken ct);

    /// <summary>The agents holding an assigned task or one in wrap-up.</summary>
    Task<IReadOnlySet<string>> ListBusyAgentsAsync(CancellationToken ct);

    /// <summary>Tasks in any state whose row changed at or after <paramref name="since"/>: the router's change feed.</summary>
    Task<IReadOnlyList<RoutingTask>> ListTasksChangedSinceAsync(DateTimeOffset since, CancellationToken ct);

    /// <summary>The tasks with these ids, in any state (the ones a signal named), oldest change first; unknown ids are left out.</summary>
    Task<IReadOnlyList<RoutingTask>> ListTasksAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken ct);

    /// <summary>For each of these customers, the agent who last had work of theirs, and when; customers nobody served are left out.</summary>
    Task<IReadOnlyDictionary<Guid, (string AgentId, DateTimeOffset At)>> FindLastAgentsAsync(IReadOnlyCollection<Guid> customerIds, CancellationToken ct);

    /// <summary>Writes task changes and their decisions together; a task closed meanwhile (abandoned) stays closed.</summary>
    Task SaveRoutingAsync(IReadOnlyList<TaskRoutingChange> changes, IReadOnlyList<RoutingDecision> decisions, string decidedBy, CancellationToken ct) =>
        SaveRoutingAsync(changes, decisions, [], decidedBy, ct);

    /// <summary>
    /// One router cycle in one transaction: task changes, their decisions and the results of the commands the cycle
    /// applied (each agent's request answered only once its effect is stored); all of it, or none.
    /// </summary>
    Task SaveRoutingAsync(
        IReadOnlyList<TaskRoutingChange> changes, IReadOnlyList<RoutingDecision> decisions, IReadOnlyList<CommandCompletion> completed, string decidedBy, CancellationToken ct);

    /// <summary>
    /// Takes an open task out of routing because deciding it kept failing: an offer in flight goes back to queued, the
    /// router leaves it alone until <see cref="ReleaseQuarantineAsync"/>. False when the task is not open.
    /// </summary>
    Task<bool> QuarantineTaskAsync(Guid taskId, string reason, DateTimeOffset at, CancellationToken ct);

    /// <summary>Routes a quarantined task again (the router's change feed picks it up). False when it was not quarantined.</summary>
    Task<bool> ReleaseQuarantineAsync(Guid taskId, DateTimeOffset at, CancellationToken ct);

    Task<IReadOnlyList<RoutingDecision>> ListDecisionsAsync(Guid taskId, CancellationToken ct);

    /// <summary>One page of a task's decisions in the order they were made, after <paramref name="after"/> (the previous page's last).</summary>
    Task<Page<RoutingDecision>> ListDecisionsAsync(Guid taskId, (DateTimeOffset At, Guid Id)? after, int limit, CancellationToken ct);

    Task<Page<RoutingTask>> ListSlaBreachesAsync(SlaBreachQuery query, CancellationToken ct);

    /// <summary>An agent wrote to the customer of the conversation: its open tasks' first responses are recorded and the router told.</summary>
    Task RecordFirstResponseAsync(Guid conversationId, string agentId, DateTimeOffset at, CancellationToken ct);

    Task<long> EnqueueCommandAsync(string kind, Guid? taskId, string? agentId, DateTimeOffset at, CancellationToken ct);

    Task<IReadOnlyList<RoutingCommand>> ListPendingCommandsAsync(CancellationToken ct);

    /// <summary>The result, or null while the router has not processed the command.</summary>
    Task<string?> GetCommandResultAsync(long id, CancellationToken ct);

    /// <summary>
    /// The result once the router has processed the command, or null when it has not within <paramref name="timeout"/>:
    /// answered when the router says it is done, not by reading the store over and over.
    /// </summary>
    Task<string?> WaitForCommandResultAsync(long id, TimeSpan timeout, CancellationToken ct);
}
