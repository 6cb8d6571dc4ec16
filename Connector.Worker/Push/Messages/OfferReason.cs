namespace Connector.Worker.Push.Messages;

/// <summary>
/// Why the task went to this agent, as the routing decision records it: the queue step's rule, the task's score, the
/// agent's own score and the reason given for them, and how many agents were looked at.
/// </summary>
public sealed record OfferReason(Guid DecisionId, string Rule, double TaskScore, double? AgentScore, string? AgentReason, int CandidatesConsidered);
