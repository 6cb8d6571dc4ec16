namespace Connector.Worker.Storage.Rows;

internal sealed class ConversationRow
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }
    public string State { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset LastActivityAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}

internal sealed class SegmentRow
{
    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public int Sequence { get; set; }
    public string Channel { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
}

internal sealed class TimelineEventRow
{
    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public Guid SegmentId { get; set; }
    public string Type { get; set; } = "";
    public string Channel { get; set; } = "";
    public string Direction { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string? Text { get; set; }
    public string? ExternalRef { get; set; }
    public string? SourceEventId { get; set; }
    public string? DeliveryStatus { get; set; }
    public string? Subject { get; set; }
    public string? Author { get; set; }
}

internal sealed class AttachmentRow
{
    public Guid Id { get; set; }
    public Guid TimelineEventId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long SizeBytes { get; set; }
    public string Path { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
