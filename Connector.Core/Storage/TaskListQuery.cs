using Connector.Core.Channels;
using Connector.Core.Routing;

namespace Connector.Core.Storage;

/// <summary>A page of tasks in arrival order (their time-ordered ids), filtered; every filter left null matches all.</summary>
/// <param name="States">Any of these states.</param>
/// <param name="Queue">The queue the router put them in (a task not yet placed has none).</param>
/// <param name="AgentId">Offered or given to this agent.</param>
/// <param name="Since">Arrived at or after.</param>
/// <param name="Until">Arrived before.</param>
/// <param name="After">The last id of the previous page.</param>
public sealed record TaskListQuery(
    WorkScope Scope,
    int Limit,
    IReadOnlyCollection<RoutingTaskState>? States = null,
    string? Queue = null,
    Channel? Channel = null,
    string? AgentId = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    Guid? After = null);
