using Connector.Core.Channels;

namespace Connector.Core.Routing.Engine;

/// <summary>A read-only view of a task in the router.</summary>
public sealed record TaskSnapshot(
    Guid TaskId,
    Channel Channel,
    string Queue,
    RoutingTaskState State,
    string? AgentId,
    int Priority,
    bool SlaBreached,
    DateTimeOffset ArrivedAt,
    DateTimeOffset? OfferExpiresAt,
    IReadOnlyCollection<string> Declined)
{
    /// <summary>No agent wrote to the customer within the channel's first-response target.</summary>
    public bool FirstResponseBreached { get; init; }

    /// <summary>An agent has written to the customer.</summary>
    public bool Responded { get; init; }
}

/// <summary>A read-only view of an agent's live state in the router: presence, the work they hold and the capacity it uses.</summary>
public sealed record AgentSnapshot(
    string AgentId,
    IReadOnlyCollection<Channel> Available,
    bool Offline,
    int UsedUnits,
    int TotalUnits,
    IReadOnlyCollection<Guid> Holding,
    int MissedInARow,
    DateTimeOffset IdleSince);
