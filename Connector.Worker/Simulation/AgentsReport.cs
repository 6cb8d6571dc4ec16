namespace Connector.Worker.Simulation;

/// <summary>All agents' figures over the measured time.</summary>
/// <param name="Occupancy">Time holding ≥ 1 task ÷ time online (agents are online for the whole run).</param>
/// <param name="CapacityUsed">Capacity units held ÷ units available, time-weighted (two chats of 35 of 100 are 0.7).</param>
internal sealed record AgentsReport(
    int Count,
    double Occupancy,
    double CapacityUsed,
    IReadOnlyList<AgentGroupReport> Groups);
