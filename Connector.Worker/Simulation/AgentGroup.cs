using Connector.Core.Channels;
using Connector.Core.Routing.Policy;

namespace Connector.Worker.Simulation;

/// <summary>
/// Identical agents, online for the whole run. Their capacity becomes a capacity profile named after the group;
/// the agents are <c>{Name}-1</c> … <c>{Name}-{Count}</c>.
/// </summary>
/// <param name="Channels">The channels they are online for.</param>
/// <param name="Skills">Skill name → proficiency 1–10.</param>
internal sealed record AgentGroup(
    string Name,
    int Count,
    CapacityProfile Capacity,
    IReadOnlyList<Channel> Channels,
    IReadOnlyDictionary<string, int> Skills,
    IReadOnlyList<string> Languages);
