namespace Connector.Core.Routing.Engine;

/// <summary>
/// A waiting task as its group's heap holds it: the sort key inline, so that sifting compares
/// numbers in the array instead of reaching into each task (behind a 100k backlog, those reads were cache misses).
/// The key must not change while the task is in the heap; it changes only on leaving and re-entering the wait.
/// </summary>
internal readonly record struct WaitingEntry(double OrderKey, long Sequence, TaskState Task)
{
    public WaitingEntry(TaskState task)
        : this(task.OrderKey, task.Sequence, task)
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
