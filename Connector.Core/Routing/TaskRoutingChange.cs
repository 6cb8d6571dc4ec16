namespace Connector.Core.Routing;

/// <summary>What the router changed about one task, to be written with the decisions that explain it.</summary>
public sealed record TaskRoutingChange(
    Guid TaskId,
    RoutingTaskState State,
    string? AgentId,
    string? Queue,
    int? Priority,
    DateTimeOffset? OfferExpiresAt,
    DateTimeOffset? WrapUpUntil,
    DateTimeOffset? SlaBreachedAt,
    DateTimeOffset At)
{
    /// <summary>The router gave the task to <see cref="AgentId"/> in this change: the channel has its part to do (join the chat, connect the call).</summary>
    public bool AssignedNow { get; init; }

    /// <summary>Everyone barred from the task so far (see <see cref="RoutingTask.DeclinedBy"/>); null leaves the stored list as it is.</summary>
    public IReadOnlyList<string>? DeclinedBy { get; init; }

    /// <summary>
    /// The task ended after <see cref="AgentId"/> handled it (it was assigned or in wrap-up): the agent stays on it as
    /// the customer's last agent, and its interaction is logged in the CRM even when nobody submitted a wrap-up.
    /// </summary>
    public bool HandledToTheEnd { get; init; }

    /// <summary>When it missed its first-response target, if it just did (the answer target's is <see cref="SlaBreachedAt"/>).</summary>
    public DateTimeOffset? FirstResponseBreachedAt { get; init; }

    /// <summary>
    /// What the router did to the task in this change, in order (offer made, expired or declined, assignment, SLA
    /// breach…): what the agents and supervisors concerned are told.
    /// </summary>
    public IReadOnlyList<Engine.RoutingEvent> Events { get; init; } = [];
}
