namespace Connector.Worker.Replies;

/// <summary>
/// The answer to a reply request, kept as written so that a retry with the same key gets the same status and body:
/// 200 (sent), 202 (recorded, still being sent) or a 502 problem (the channel refused it).
/// </summary>
public sealed record ReplyAnswer(int StatusCode, string Body, string ContentType)
{
    public const string Json = "application/json";
    public const string ProblemJson = "application/problem+json";
}
