using Connector.Core.Routing.Policy;

namespace Connector.Core.Routing.Engine;

/// <summary>
/// The order of waiting work within a queue (queues themselves go by rank first):
/// <c>score(t) = priority + minutesWaited(t) / PriorityMinutes</c>, highest first, ties to the earlier arrival.
/// With PriorityMinutes = 10, an email of priority 0 that has waited 30 minutes outranks a new chat of
/// priority 2, so no backlog starves. Since every task ages at the same rate,
/// <c>score(t) = key + t / PriorityMinutes</c> with the constant <c>key = priority − ageFrom / PriorityMinutes</c>:
/// the order never changes by itself, and a heap keyed on <c>key</c> (see <see cref="WaitingGroup"/>) is always in score order.
/// </summary>
internal sealed class TaskOrder(RoutingPolicy policy) : IComparer<TaskState>
{
    private readonly double _minutesPerPoint = Math.Max(policy.PriorityMinutes, 1e-9);

    public double KeyOf(TaskState task) => task.Priority - (task.AgeFrom.ToUnixTimeMilliseconds() / 60_000.0 / _minutesPerPoint);

    public double ScoreAt(TaskState task, DateTimeOffset now) => task.OrderKey + (now.ToUnixTimeMilliseconds() / 60_000.0 / _minutesPerPoint);

    public int Compare(TaskState? x, TaskState? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        var byKey = y!.OrderKey.CompareTo(x!.OrderKey);
        return byKey != 0 ? byKey : x.Sequence.CompareTo(y.Sequence);
    }
}
