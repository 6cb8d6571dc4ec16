using Connector.Core.Channels;

namespace Connector.Worker.Simulation;

/// <summary>One agent group's figures; occupancy and capacity used as in <see cref="AgentsReport"/>.</summary>
/// <param name="Handled">Channel name → counted tasks the group's agents took.</param>
internal sealed record AgentGroupReport(
    string Name,
    int Count,
    IReadOnlyList<Channel> Channels,
    double Occupancy,
    double CapacityUsed,
    IReadOnlyDictionary<string, int> Handled);
