namespace Connector.Worker.Storage.Rows;

internal class RoutingTaskRow
{
    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public Guid CustomerId { get; set; }
    public string Channel { get; set; } = "";
    public string State { get; set; } = "";
    public int Priority { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CustomerLastMessageAt { get; set; }
    public string? ExternalRef { get; set; }
    public string? AssignedAgentId { get; set; }
    public string? Journey { get; set; }
    public string? Queue { get; set; }
    public DateTimeOffset? OfferExpiresAt { get; set; }
    public DateTimeOffset? WrapUpUntil { get; set; }
    public DateTimeOffset? SlaBreachedAt { get; set; }
    public string DeclinedBy { get; set; } = "[]";
    public DateTimeOffset? FirstRespondedAt { get; set; }
    public DateTimeOffset? FirstResponseBreachedAt { get; set; }
    public DateTimeOffset? QuarantinedAt { get; set; }
    public string? QuarantineReason { get; set; }
    public string? TraceParent { get; set; }
    public string? HandoffSummary { get; set; }
}

/// <summary>A task as supervisors' boards read it: with when its agent got it (the latest decision naming them).</summary>
internal sealed class BoardTaskRow : RoutingTaskRow
{
    public DateTimeOffset? HeldSince { get; set; }
}

/// <summary>The queue board's counts for one queue (or journey) and channel, as the database adds them up.</summary>
internal sealed class QueueWorkRow
{
    public string? Queue { get; set; }
    public string? Journey { get; set; }
    public string Channel { get; set; } = "";
    public long Waiting { get; set; }
    public DateTimeOffset? OldestWaitingSince { get; set; }
    public long Offered { get; set; }
    public long Assigned { get; set; }
    public long BreachedWaiting { get; set; }
    public long RecentSettled { get; set; }
    public long RecentInTime { get; set; }
}

internal sealed class OutboxRow
{
    public long Id { get; set; }
    public string Kind { get; set; } = "";
    public string IdempotencyKey { get; set; } = "";
    public Guid CustomerId { get; set; }
    public Guid? ConversationId { get; set; }
    public Guid? SubjectId { get; set; }
    public string State { get; set; } = "";
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? LastError { get; set; }
    public string? Payload { get; set; }
    public string? TraceParent { get; set; }
}

internal sealed class CrmLinkRow
{
    public string Crm { get; set; } = "";
    public string IdempotencyKey { get; set; } = "";
    public string RecordType { get; set; } = "";
    public string RecordId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class AgentRow
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string CapacityProfile { get; set; } = "";
    public string Skills { get; set; } = "{}";
    public string Languages { get; set; } = "[]";
    public string? CrmUserId { get; set; }
    public string Channels { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class DecisionRow
{
    public Guid Id { get; set; }
    public Guid TaskId { get; set; }
    public DateTimeOffset At { get; set; }
    public string Channel { get; set; } = "";
    public string Queue { get; set; } = "";
    public string Rule { get; set; } = "";
    public double TaskScore { get; set; }
    public string? AgentId { get; set; }
    public string Outcome { get; set; } = "";
    public string Candidates { get; set; } = "[]";
    public int CandidatesConsidered { get; set; }
}

internal sealed class CommandRow
{
    public long Id { get; set; }
    public string Kind { get; set; } = "";
    public Guid? TaskId { get; set; }
    public string? AgentId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
