using Connector.Core.Channels;

namespace Connector.Core.Routing;

/// <summary>A unit of work on one channel that competes for agents: a call, a chat, a WhatsApp thread, an email.</summary>
/// <param name="ExternalRef">The channel's id for the work (the call connection id for voice), if any.</param>
/// <param name="CustomerLastMessageAt">Async channels age from here, not from <paramref name="CreatedAt"/>.</param>
public sealed record RoutingTask(
    Guid Id,
    Guid ConversationId,
    Guid CustomerId,
    Channel Channel,
    RoutingTaskState State,
    int Priority,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CustomerLastMessageAt,
    string? ExternalRef,
    string? AssignedAgentId)
{
    public bool IsOpen => State is RoutingTaskState.Queued or RoutingTaskState.Offered or RoutingTaskState.Assigned or RoutingTaskState.WrapUp;

    /// <summary>Default priority of new work; the charter's queues refine it.</summary>
    public const int DefaultPriority = 0;

    /// <summary>The charter journey (from the IVR or the channel), when known; the router maps it to a queue.</summary>
    public string? Journey { get; init; }

    /// <summary>The queue the router put it in.</summary>
    public string? Queue { get; init; }

    public DateTimeOffset? OfferExpiresAt { get; init; }

    public DateTimeOffset? WrapUpUntil { get; init; }

    /// <summary>When it missed its channel's answer target (no agent had taken it).</summary>
    public DateTimeOffset? SlaBreachedAt { get; init; }

    /// <summary>When an agent first wrote to the customer while it was open.</summary>
    public DateTimeOffset? FirstRespondedAt { get; init; }

    /// <summary>When it missed its channel's first-response target (no agent had written to the customer).</summary>
    public DateTimeOffset? FirstResponseBreachedAt { get; init; }

    /// <summary>When the router took it out of routing because deciding it kept failing; null while it is routed.</summary>
    public DateTimeOffset? QuarantinedAt { get; init; }

    /// <summary>Why it was quarantined: the failure, without the task's content.</summary>
    public string? QuarantineReason { get; init; }

    /// <summary>Agents who declined it, missed its offer or whose line did not answer: never offered it again, whichever Worker routes.</summary>
    public IReadOnlyList<string> DeclinedBy { get; init; } = [];

    /// <summary>
    /// The W3C <c>traceparent</c> of the work that opened it (the webhook's intake), kept with the task so that the
    /// router's decision continues that trace on whichever Worker, after a restart too; null when nothing was traced.
    /// </summary>
    public string? TraceParent { get; init; }
    /// <summary>The bot's short summary when it handed this work to a person; the offer shows it.</summary>
    public string? HandOffSummary { get; init; }
}
