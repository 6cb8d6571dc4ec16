namespace Connector.Core.Routing.Engine;

internal enum RouterTimerKind
{
    OfferExpiry,
    WrapUpEnd,
    StepChange,
    AnswerSla,
    OfflineGrace,
}

/// <summary>
/// A pending time-out; stale ones (their version moved on) are dropped when they come due. Holds no object reference (the agent by its <see cref="AgentState.Number"/>),
/// so the garbage collector never scans the queue's large array.
/// </summary>
internal readonly record struct RouterTimer(RouterTimerKind Kind, Guid TaskId, int AgentNumber, int Version)
{
    public const int NoAgent = -1;
}
