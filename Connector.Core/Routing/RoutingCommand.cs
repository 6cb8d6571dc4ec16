namespace Connector.Core.Routing;

/// <summary>An agent's action on its way to the one deciding Worker.</summary>
public sealed record RoutingCommand(long Id, string Kind, Guid? TaskId, string? AgentId, DateTimeOffset CreatedAt)
{
    public const string Accept = "accept";
    public const string Decline = "decline";
    /// <summary>The agent's profile or presence changed in the store; the router re-reads it.</summary>
    public const string AgentChanged = "agent";
    public const string EndWrapUp = "end-wrap-up";
    /// <summary>The agent wrapped the task up (disposition given): the task is finished and its capacity comes back.</summary>
    public const string WrapUp = "wrap-up";
    /// <summary>The agent could not take the task after all (their line did not answer): it goes back to its queue, never to them again.</summary>
    public const string Requeue = "requeue";
    /// <summary>An agent wrote to the customer: the task's first-response target is met.</summary>
    public const string Responded = "responded";
}
