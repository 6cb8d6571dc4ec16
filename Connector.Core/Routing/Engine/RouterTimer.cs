namespace Connector.Core.Routing.Engine;

internal enum RouterTimerKind
{
    OfferExpiry,
    WrapUpEnd,
    StepChange,
    AnswerSla,
    OfflineGrace,
}

/// <summary>A pending time-out; stale ones (their version moved on) are dropped when they come due.</summary>
internal readonly record struct RouterTimer(RouterTimerKind Kind, Guid TaskId, string? AgentId, int Version);
