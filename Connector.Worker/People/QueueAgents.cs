using Connector.Core.Routing;
using Connector.Core.Routing.Policy;

namespace Connector.Worker.People;

/// <summary>
/// The agents of a queue, as a supervisor sees them: those with every skill the charter's queue requires, at its
/// minimum proficiency (a queue that requires none is served by everyone).
/// </summary>
internal static class QueueAgents
{
    public static bool Serves(RoutingPolicy policy, string queue, Agent agent) =>
        policy.Queues.TryGetValue(queue, out var definition)
        && definition.Skills.All(need => agent.Skills.TryGetValue(need.Key, out var level) && level >= need.Value);
}
