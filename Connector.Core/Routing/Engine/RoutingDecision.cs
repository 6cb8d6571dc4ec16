using Connector.Core.Channels;

namespace Connector.Core.Routing.Engine;

/// <summary>
/// Why a task went to an agent (or to none): the queue and step whose rule fired, the task's order score, and
/// the agents considered with their scores. The router looks at agents in order of the queue's selection
/// method, so the candidates are the best ones, not every agent.
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
    IReadOnlyList<DecisionCandidate> Candidates);
