namespace Connector.Worker.Replies;

/// <summary>One agent reply as kept in <c>agent_replies</c> (migration 0023): recorded before it is sent, with the first answer once there is one.</summary>
internal sealed class AgentReplyRecord
{
    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public string AgentId { get; set; } = "";
    public string IdempotencyKey { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public string Channel { get; set; } = "";
    public string? Prepared { get; set; }
    public DateTimeOffset FirstSentAt { get; set; }
    public Guid? TimelineEventId { get; set; }
    public string State { get; set; } = AgentReplyStates.Pending;
    public string? MessageId { get; set; }
    public string? Error { get; set; }
    public int? StatusCode { get; set; }
    public string? Response { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
