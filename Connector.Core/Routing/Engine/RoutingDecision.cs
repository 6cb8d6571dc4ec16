using Connector.Core.Channels;

namespace Connector.Core.Routing.Engine;

/// <summary>
/// Why a task went to an agent (or to none): the queue and step whose rule fired, the task's order score, and
/// the agents considered with their scores. The router looks at agents in order of the queue's selection
/// method and keeps only the first few it turned down plus the one it chose, so the candidates are the best
/// ones, not every agent; <see cref="CandidatesConsidered"/> says how many it looked at.
/// </summary>
public sealed record RoutingDecision(
    Guid Id,
    Guid TaskId,
    DateTimeOffset At,
    Channel Channel,
    string Queue,
    string Rule,
    double TaskScore,
    string? AgentId,
    string Outcome,
    IReadOnlyList<DecisionCandidate> Candidates)
{
    /// <summary>How many agents the router looked at (those lacking a required skill are counted, not listed).</summary>
    public int CandidatesConsidered { get; init; }
}
