namespace Connector.Worker.Acs;

/// <summary>
/// The state of an email send operation: NotStarted, Running, Succeeded (accepted for delivery; the delivery itself
/// is reported by Event Grid), Failed or Canceled.
/// </summary>
public sealed record AcsEmailOperation(string Id, string Status, string? ErrorCode, string? ErrorMessage, TimeSpan? RetryAfter)
{
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Canceled = "Canceled";

    public bool IsTerminal =>
        Status.Equals(Succeeded, StringComparison.OrdinalIgnoreCase)
        || Status.Equals(Failed, StringComparison.OrdinalIgnoreCase)
        || Status.Equals(Canceled, StringComparison.OrdinalIgnoreCase);

    public bool IsSucceeded => Status.Equals(Succeeded, StringComparison.OrdinalIgnoreCase);
}
