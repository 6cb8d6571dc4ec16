using Connector.Core.Routing.Policy;

namespace Connector.Core.Routing.Engine;

/// <summary>The orders in which a queue's selection method looks at agents (best first).</summary>
internal static class AgentComparers
{
    public static IComparer<AgentState> LongestIdle { get; } = new ByIdle();

    public static IComparer<AgentState> MostFreeCapacity { get; } = new ByFreeUnits();

    /// <summary>Best skill match orders by one skill: the bucket's.</summary>
    public static IComparer<AgentState> BestSkillMatch(int skillId) => new BySkill(skillId);

    /// <summary>The score shown in explanations: higher is better.</summary>
    public static double Score(SelectionMethod method, AgentState agent, StepCriteria criteria, DateTimeOffset now)
    {
        switch (method)
        {
            case SelectionMethod.MostFreeCapacity:
                return agent.FreeUnits;
            case SelectionMethod.BestSkillMatch:
                var sum = 0;
                foreach (var need in criteria.Needs)
                {
                    sum += agent.LevelOf(need.Id);
                }

                return sum;
            default:
                return Math.Round((now - agent.IdleSince).TotalSeconds, 3);
        }
    }

    // Then longest idle, then registration order: a total order, as a sorted set needs.
    private static int Tie(AgentState a, AgentState b)
    {
        var idle = a.IdleSince.CompareTo(b.IdleSince);
        return idle != 0 ? idle : a.Sequence.CompareTo(b.Sequence);
    }

    private sealed class ByIdle : IComparer<AgentState>
    {
        public int Compare(AgentState? a, AgentState? b) => Tie(a!, b!);
    }

    private sealed class ByFreeUnits : IComparer<AgentState>
    {
        public int Compare(AgentState? a, AgentState? b)
        {
            var free = b!.FreeUnits.CompareTo(a!.FreeUnits);
            return free != 0 ? free : Tie(a, b);
        }
    }

    private sealed class BySkill(int skillId) : IComparer<AgentState>
    {
        public int Compare(AgentState? a, AgentState? b)
        {
            var level = b!.LevelOf(skillId).CompareTo(a!.LevelOf(skillId));
            return level != 0 ? level : Tie(a, b);
        }
    }
}
