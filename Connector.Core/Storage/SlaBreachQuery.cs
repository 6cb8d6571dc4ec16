using Connector.Core.Channels;

namespace Connector.Core.Storage;

/// <summary>
/// A page of tasks that missed their answer or first-response target, latest breach first (then by id, descending).
/// A task's breach time is the later of the two.
/// </summary>
/// <param name="Since">Breached at or after.</param>
/// <param name="Until">Breached before.</param>
/// <param name="Before">The last breach time and id of the previous page.</param>
public sealed record SlaBreachQuery(
    WorkScope Scope,
    int Limit,
    DateTimeOffset Since,
    DateTimeOffset? Until = null,
    string? Queue = null,
    Channel? Channel = null,
    (DateTimeOffset At, Guid Id)? Before = null);
