using Connector.Core.Routing.Policy;

namespace Connector.Core.Routing.Engine;

/// <summary>
/// Agents with room on one channel in one selection method's order (see <see cref="AgentComparers"/>), as sorted
/// entries that carry their sort key and skill mask: walking the bucket tests skills and compares without reaching
/// into each agent. An entry must be taken out with the key it went in with (see <see cref="AgentState.Memberships"/>).
/// </summary>
/// <param name="skillId">For best skill match: the skill whose level orders the bucket.</param>
internal sealed class AgentBucket(SelectionMethod method, int skillId = -1)
{
    public SortedSet<Entry> Agents { get; } = new(ByKey.Instance);

    public int Count => Agents.Count;

    public Entry EntryOf(AgentState agent) => new(
        method switch
        {
            SelectionMethod.MostFreeCapacity => agent.FreeUnits,
            SelectionMethod.BestSkillMatch => agent.LevelOf(skillId),
            _ => 0,
        },
        agent.IdleSince.UtcTicks,
        agent.Sequence,
        agent.SkillMask,
        agent);

    /// <param name="Rank">Higher first: free units or the skill's level; 0 for longest idle.</param>
    internal readonly record struct Entry(int Rank, long IdleTicks, long Sequence, ulong SkillMask, AgentState Agent);

    // Rank, then longest idle, then registration order: the orders of AgentComparers, on the entries.
    private sealed class ByKey : IComparer<Entry>
    {
        public static readonly ByKey Instance = new();

        public int Compare(Entry a, Entry b)
        {
            var rank = b.Rank.CompareTo(a.Rank);
            if (rank != 0)
            {
                return rank;
            }

            var idle = a.IdleTicks.CompareTo(b.IdleTicks);
            return idle != 0 ? idle : a.Sequence.CompareTo(b.Sequence);
        }
    }
}
