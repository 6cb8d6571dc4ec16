namespace Connector.Core.Routing.Engine;

/// <summary>What the router knows of an agent that does not change with their work.</summary>
/// <param name="Skills">Skill name → proficiency 1–10.</param>
/// <param name="CapacityProfile">The name of a capacity profile of the charter.</param>
public sealed record AgentProfile(
    string Id,
    string Name,
    string CapacityProfile,
    IReadOnlyDictionary<string, int> Skills,
    IReadOnlyList<string> Languages);
