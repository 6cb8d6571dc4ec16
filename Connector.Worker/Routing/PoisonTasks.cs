namespace Connector.Worker.Routing;

/// <summary>
/// Counts the failures of each task's routing across router sessions; a task that fails <c>threshold</c> times
/// within <see cref="Window"/> is poison and gets quarantined instead of taking the router down again and again.
/// In memory: a Worker that takes over counts afresh, which costs at most a few more failed tries.
/// </summary>
internal sealed class PoisonTasks(int threshold)
{
    /// <summary>Failures further apart than this are not one persistent cause.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly Dictionary<Guid, (int Count, DateTimeOffset Last)> _failures = [];

    /// <summary>Records a failure; true when the task has now failed often enough to be quarantined.</summary>
    public bool Failed(Guid taskId, DateTimeOffset at)
    {
        var count = _failures.TryGetValue(taskId, out var seen) && at - seen.Last < Window ? seen.Count + 1 : 1;
        foreach (var stale in _failures.Where(f => at - f.Value.Last >= Window).Select(f => f.Key).ToList())
        {
            _failures.Remove(stale);
        }

        _failures[taskId] = (count, at);
        return count >= threshold;
    }

    /// <summary>The task is quarantined (or gone): its count is no longer needed.</summary>
    public void Forget(Guid taskId) => _failures.Remove(taskId);

    public int CountOf(Guid taskId) => _failures.TryGetValue(taskId, out var seen) ? seen.Count : 0;
}
