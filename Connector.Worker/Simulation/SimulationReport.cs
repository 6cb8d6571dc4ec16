namespace Connector.Worker.Simulation;

/// <summary>What a run measured; printed as JSON by <c>simulate</c>. The README's "Simulate" section explains each figure.</summary>
/// <param name="Charter">The charter as the scenario names it; null: the default policy with zero wrap-up.</param>
/// <param name="Channels">Channel name → its figures, in the scenario's order.</param>
internal sealed record SimulationReport(
    int Seed,
    double SimulatedHours,
    double WarmupHours,
    string? Charter,
    IReadOnlyDictionary<string, ChannelReport> Channels,
    AgentsReport Agents);
