namespace Connector.Worker.Storage.Rows;

internal sealed class RoutingTaskRow
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
}

internal sealed class CrmLinkRow
{
    public string Crm { get; set; } = "";
    public string IdempotencyKey { get; set; } = "";
    public string RecordType { get; set; } = "";
    public string RecordId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
