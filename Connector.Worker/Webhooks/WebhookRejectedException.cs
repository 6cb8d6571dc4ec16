namespace Connector.Worker.Webhooks;

/// <summary>A delivery the webhook refuses as a whole; it becomes a ProblemDetails response and nothing is stored.</summary>
internal sealed class WebhookRejectedException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
}
