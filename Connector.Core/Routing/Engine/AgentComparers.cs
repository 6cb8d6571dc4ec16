using Connector.Core.Routing.Policy;

namespace Connector.Core.Routing.Engine;

/// <summary>The orders in which a queue's selection method looks at agents (best first).</summary>
internal static class AgentComparers
{
    public static IComparer<AgentState> For(SelectionMethod method, string? skill) => method switch
    {
        SelectionMethod.MostFreeCapacity => Comparer<AgentState>.Create((a, b) =>
            Tie(b.FreeUnits.CompareTo(a.FreeUnits), a, b)),
        SelectionMethod.BestSkillMatch when skill is not null => Comparer<AgentState>.Create((a, b) =>
            Tie(Proficiency(b, skill).CompareTo(Proficiency(a, skill)), a, b)),
        _ => Comparer<AgentState>.Create((a, b) => Tie(0, a, b)),
    };

    /// <summary>The score shown in explanations: higher is better.</summary>
    public static double Score(SelectionMethod method, AgentState agent, IReadOnlyDictionary<string, int> skills, DateTimeOffset now) => method switch
    {
        SelectionMethod.MostFreeCapacity => agent.FreeUnits,
        SelectionMethod.BestSkillMatch => skills.Keys.Sum(s => Proficiency(agent, s)),
        _ => Math.Round((now - agent.IdleSince).TotalSeconds, 3),
    };

    private static int Proficiency(AgentState agent, string skill) => agent.Profile.Skills.TryGetValue(skill, out var p) ? p : 0;

    // Then longest idle, then registration order: a total order, as a sorted set needs.
    private static int Tie(int first, AgentState a, AgentState b)
    {
        if (first != 0)
        {
            return first;
        }

        var idle = a.IdleSince.CompareTo(b.IdleSince);
        return idle != 0 ? idle : a.Sequence.CompareTo(b.Sequence);
    }
}
