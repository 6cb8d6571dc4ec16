namespace Connector.Worker.Simulation;

/// <summary>What to simulate: how long, the load per channel and the agents. Read from YAML by <see cref="ScenarioLoader"/>.</summary>
/// <param name="WarmupHours">Left out of the statistics: the run starts with empty queues and idle agents.</param>
/// <param name="Seed">Same seed, same scenario: the same report, byte for byte.</param>
internal sealed record Scenario(
    double DurationHours,
    double WarmupHours,
    int Seed,
    IReadOnlyList<ChannelLoad> Channels,
    IReadOnlyList<AgentGroup> Agents)
{
    /// <summary>The file the scenario came from, named in errors.</summary>
    public string Source { get; init; } = "scenario";

    /// <summary>The charter as the scenario names it (relative to the scenario file); null: the default policy.</summary>
    public string? Charter { get; init; }

    /// <summary><see cref="Charter"/> resolved against the scenario file's folder.</summary>
    public string? CharterPath { get; init; }
}
