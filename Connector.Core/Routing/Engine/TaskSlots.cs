namespace Connector.Core.Routing.Engine;

/// <summary>
/// Dense numbers for the tasks the router holds (a number is reused once its task is gone), with each task's
/// sequence and version mirrored in flat arrays: whether a time-out still means something is two array reads
/// (see <see cref="TimerQueue"/>), and firing one finds its task without hashing its id.
/// </summary>
internal sealed class TaskSlots
{
    private TaskState?[] _tasks = new TaskState?[256];
    private long[] _sequences = new long[256];
    private int[] _versions = new int[256];
    private readonly Stack<int> _free = new();
    private int _used;

    /// <summary>Gives the task a number and records its sequence and version.</summary>
    public int Take(TaskState task)
    {
        if (!_free.TryPop(out var number))
        {
            number = _used++;
            if (number == _tasks.Length)
            {
                Array.Resize(ref _tasks, number * 2);
                Array.Resize(ref _sequences, number * 2);
                Array.Resize(ref _versions, number * 2);
            }
        }

        _tasks[number] = task;
        _sequences[number] = task.Sequence;
        _versions[number] = task.Version;
        return number;
    }

    public void Release(int number)
    {
        _tasks[number] = null;
        _sequences[number] = -1;
        _free.Push(number);
    }

    public void SetVersion(int number, int version) => _versions[number] = version;

    /// <summary>The task holding the number, if it is still the one with that sequence.</summary>
    public TaskState? Get(int number, long sequence) => _sequences[number] == sequence ? _tasks[number] : null;

    /// <summary>Whether the task with that sequence still holds the number (at that version, when one is given).</summary>
    public bool Holds(int number, long sequence, int? version = null) =>
        _sequences[number] == sequence && (version is null || _versions[number] == version);
}
