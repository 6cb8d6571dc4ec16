namespace Connector.Worker.Replies;

/// <summary>A reply the connector will not send as asked; the status and message say why and what would work.</summary>
public sealed class ReplyRefusedException(int status, string title, string detail, object? extensions = null) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public object? Extensions { get; } = extensions;
}
