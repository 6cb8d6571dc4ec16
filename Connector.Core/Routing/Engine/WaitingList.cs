namespace Connector.Core.Routing.Engine;

/// <summary>
/// An unordered set of waiting tasks with O(1) add and remove: each task knows its slot (swap-remove). Cheaper than
/// a HashSet, whose first hash of each new object is a slow runtime call.
/// </summary>
internal sealed class WaitingList
{
    private readonly List<TaskState> _tasks = [];

    public int Count => _tasks.Count;

    public IReadOnlyList<TaskState> Tasks => _tasks;

    public void Add(TaskState task)
    {
        task.Slot = _tasks.Count;
        _tasks.Add(task);
    }

    public void Remove(TaskState task)
    {
        var slot = task.Slot;
        if (slot < 0 || slot >= _tasks.Count || !ReferenceEquals(_tasks[slot], task))
        {
            return;
        }

        var last = _tasks[^1];
        _tasks[slot] = last;
        last.Slot = slot;
        _tasks.RemoveAt(_tasks.Count - 1);
        task.Slot = -1;
    }
}
