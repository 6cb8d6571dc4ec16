using Connector.Core.Channels;

namespace Connector.Core.Routing.Engine;

/// <summary>Something the router did, for the host to persist and push (to agents, to supervisors).</summary>
public abstract record RoutingEvent(DateTimeOffset At);

public sealed record OfferMade(DateTimeOffset At, Guid TaskId, string AgentId, DateTimeOffset ExpiresAt) : RoutingEvent(At);

public sealed record OfferExpired(DateTimeOffset At, Guid TaskId, string AgentId) : RoutingEvent(At);

public sealed record OfferDeclined(DateTimeOffset At, Guid TaskId, string AgentId) : RoutingEvent(At);

/// <summary>The agent has the work (accepted, or accepted for them by the server).</summary>
public sealed record TaskAssigned(DateTimeOffset At, Guid TaskId, string AgentId, bool AutoAccepted) : RoutingEvent(At);

public sealed record TaskRequeued(DateTimeOffset At, Guid TaskId, string? FromAgentId, string Reason) : RoutingEvent(At);

public sealed record WrapUpStarted(DateTimeOffset At, Guid TaskId, string AgentId, DateTimeOffset Until) : RoutingEvent(At);

/// <param name="From">The phase it left: assigned or wrap-up means an agent handled it.</param>
public sealed record TaskReleased(DateTimeOffset At, Guid TaskId, string? AgentId, RoutingTaskState From) : RoutingEvent(At);

public sealed record AgentSetAway(DateTimeOffset At, string AgentId, int MissedOffers) : RoutingEvent(At);

/// <summary>
/// Supervisors see these: the task missed its channel's answer target (no agent had taken it) or first-response target
/// (no agent had written to the customer); its priority was raised.
/// </summary>
public sealed record SlaBreached(DateTimeOffset At, Guid TaskId, Channel Channel, TimeSpan Target, int NewPriority, SlaKind Kind = SlaKind.Answer) : RoutingEvent(At);
