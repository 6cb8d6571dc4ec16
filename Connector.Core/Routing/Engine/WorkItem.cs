using Connector.Core.Channels;

namespace Connector.Core.Routing.Engine;

/// <summary>A task as the router sees it.</summary>
/// <param name="ArrivedAt">When the work first arrived; re-queued work keeps it, so it keeps its place.</param>
/// <param name="CustomerLastMessageAt">Async channels age from the customer's last message (a customer who
/// wrote again yesterday has not been waiting since last week).</param>
/// <param name="Skills">Skill name → minimum proficiency this task needs (the queue's skills are added).</param>
/// <param name="PreferredAgentId">The customer's preferred or last agent, if any.</param>
/// <param name="PreferredSince">When that preference was last earned (the last interaction); it expires.</param>
/// <param name="ExcludedAgents">Agents this customer must never be routed to.</param>
/// <param name="DeclinedBy">Agents who already declined or missed this task (a router rebuilt from the store carries them over).</param>
/// <param name="Sla">Targets already missed or met (a router rebuilt from the store carries them over); null for new work.</param>
public sealed record WorkItem(
    Guid TaskId,
    Channel Channel,
    string Queue,
    int Priority,
    IReadOnlyDictionary<string, int> Skills,
    string? Language,
    Guid CustomerId,
    DateTimeOffset ArrivedAt,
    DateTimeOffset? CustomerLastMessageAt = null,
    string? PreferredAgentId = null,
    DateTimeOffset? PreferredSince = null,
    IReadOnlySet<string>? ExcludedAgents = null,
    IReadOnlySet<string>? DeclinedBy = null,
    SlaProgress? Sla = null);
