using Connector.Core.Channels;

namespace Connector.Core.Routing.Engine;

/// <summary>
/// A waiting task as its group's heap holds it: the sort key inline, so that sifting compares numbers in the array
/// instead of reaching into each task, and what eligibility asks of the task (its channel, current step, whether
/// any agent is barred from it), so that testing a head against an agent reads no task either (behind a 100k
/// backlog, those reads were cache misses). None of it changes while the task is in the heap: it changes only on
/// leaving and re-entering the wait, or on moving to another step's group.
/// </summary>
/// <param name="Criteria">The task's current step when it was placed; null only for tasks placed by tests.</param>
/// <param name="Barred">Some agent declined or missed it, or is excluded for its customer: ask the task who.</param>
internal readonly record struct WaitingEntry(double OrderKey, long Sequence, TaskState Task, StepCriteria? Criteria, Channel Channel, bool Barred)
{
    public WaitingEntry(TaskState task)
        : this(task.OrderKey, task.Sequence, task, task.Current, task.Channel, task.BarsSomeone)
    {
    }

    /// <summary>The <see cref="TaskOrder"/>: highest key first, then the earlier sequence.</summary>
    public static IComparer<WaitingEntry> Order { get; } = new ByOrder();

    private sealed class ByOrder : IComparer<WaitingEntry>
    {
        public int Compare(WaitingEntry x, WaitingEntry y)
        {
            var byKey = y.OrderKey.CompareTo(x.OrderKey);
            return byKey != 0 ? byKey : x.Sequence.CompareTo(y.Sequence);
        }
    }
}

/// <summary>Whether the agent may take the task the entry holds; see <see cref="RoutingEngine"/>.</summary>
internal delegate bool EntryFit(in WaitingEntry entry, AgentState agent);
