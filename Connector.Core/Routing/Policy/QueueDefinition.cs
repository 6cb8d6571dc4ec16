namespace Connector.Core.Routing.Policy;

/// <summary>A queue: its rank among queues (1 is served first), how agents are chosen, and its routing steps.</summary>
/// <param name="Skills">Skills (name → minimum proficiency) every task of the queue needs, on top of its own.</param>
public sealed record QueueDefinition(
    string Name,
    int Rank,
    SelectionMethod Selection,
    IReadOnlyList<RoutingStep> Steps,
    IReadOnlyDictionary<string, int> Skills)
{
    /// <summary>Preferred agent for 30 s, then required skills, relaxed skills after 2 min, anyone after 5 min.</summary>
    public static QueueDefinition Default(string name) => new(
        name,
        10,
        SelectionMethod.LongestIdle,
        [
            new RoutingStep(RoutingStepKind.PreferredAgent, TimeSpan.Zero, PreferenceExpiry: TimeSpan.FromDays(7)),
            new RoutingStep(RoutingStepKind.RequiredSkills, TimeSpan.FromSeconds(30), MinProficiency: 1),
            new RoutingStep(RoutingStepKind.RelaxedSkills, TimeSpan.FromMinutes(2)),
            new RoutingStep(RoutingStepKind.AnyAgent, TimeSpan.FromMinutes(5)),
        ],
        new Dictionary<string, int>());
}
