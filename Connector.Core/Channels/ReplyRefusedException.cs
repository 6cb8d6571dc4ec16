namespace Connector.Core.Channels;

/// <summary>A reply the connector will not send as asked; the title and message say why and what would work.</summary>
/// <param name="Details">Extra facts for the agent's screen (the templates that may be sent instead, the rule broken).</param>
public sealed class ReplyRefusedException(ReplyRefusal reason, string title, string detail, object? details = null) : Exception(detail)
{
    public ReplyRefusal Reason { get; } = reason;
    public string Title { get; } = title;
    public object? Details { get; } = details;
}
