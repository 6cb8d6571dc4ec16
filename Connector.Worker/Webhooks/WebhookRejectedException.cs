using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.Webhooks;

/// <summary>A delivery the webhook refuses as a whole; it becomes a ProblemDetails response and nothing is stored.</summary>
/// <param name="field">The field at fault, relative to the event (<c>data.from</c>, <c>eventTime</c>), named in the problem's <c>errors</c>.</param>
internal sealed class WebhookRejectedException(int status, string title, string detail, string? field = null) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public string? Field { get; } = field;

    /// <summary>An event's field that is missing, of the wrong type, or out of range.</summary>
    public static WebhookRejectedException InvalidField(string field, string detail) => new(400, $"Invalid {field}", detail, field);

    public ProblemHttpResult ToProblem() => TypedResults.Problem(
        statusCode: Status, title: Title, detail: Message,
        extensions: Field is null ? null : new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [Field] = [Message] } });
}
