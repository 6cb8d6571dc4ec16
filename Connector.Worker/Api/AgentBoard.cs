using Connector.Core.Channels;
using Connector.Core.Routing;
using Connector.Core.Routing.Policy;

namespace Connector.Worker.Api;

/// <summary>
/// What the supervisors' agents board adds to an agent of <c>GET /api/agents</c>: the capacity their work holds, per
/// channel, and that work (offered, taken or in wrap-up), as the router counts it.
/// </summary>
internal static class AgentBoard
{
    public static AgentResponse With(AgentResponse agent, RoutingPolicy policy, IEnumerable<(RoutingTask Task, DateTimeOffset? HeldSince)> held)
    {
        var profile = policy.CapacityProfiles.GetValueOrDefault(agent.CapacityProfile) ?? CapacityProfile.Standard;
        var work = held.Where(h => h.Task.IsOpen && h.Task.State is not RoutingTaskState.Queued && h.Task.AssignedAgentId == agent.Id).ToList();
        // An offer holds its units too: the router keeps them for the agent until it is accepted or lapses.
        var used = work.GroupBy(h => h.Task.Channel).OrderBy(g => g.Key)
            .ToDictionary(g => g.Key.ToName(), g => g.Count() * profile.CostOf(g.Key), StringComparer.Ordinal);
        return agent with
        {
            Capacity = new AgentCapacityResponse(profile.Total, used.Values.Sum(), used),
            Tasks = [.. work.Select(h => new AgentTaskResponse(h.Task.Id, h.Task.ConversationId, h.Task.Channel, h.Task.Queue, h.Task.State, h.HeldSince ?? h.Task.CreatedAt))],
        };
    }
}
