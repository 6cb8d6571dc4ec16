namespace Connector.Core.Routing.Engine;

internal enum RouterTimerKind
{
    OfferExpiry,
    WrapUpEnd,
    StepChange,
    AnswerSla,
    FirstResponseSla,
    OfflineGrace,
}

/// <summary>
/// A pending time-out; stale ones (their task gone or its version moved on) are dropped when they come due, or
/// swept out by <see cref="TimerQueue"/>. Names its task by number and sequence (see <see cref="TaskSlots"/>) and
/// its agent by number, not by reference, so the garbage collector never scans the queue's large array.
/// </summary>
internal readonly record struct RouterTimer(RouterTimerKind Kind, int TaskNumber, long TaskSequence, int AgentNumber, int Version)
{
    public const int None = -1;

    public static RouterTimer ForTask(RouterTimerKind kind, TaskState task, int agentNumber = None) =>
        new(kind, task.Number, task.Sequence, agentNumber, task.Version);

    public static RouterTimer ForAgent(AgentState agent) =>
        new(RouterTimerKind.OfflineGrace, None, None, agent.Number, agent.OfflineVersion);
}
