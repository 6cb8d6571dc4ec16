namespace Connector.Core.Crm;

/// <summary>
/// The one exception of every CRM adapter boundary: adapters throw it, jobs decide to retry. It carries what the
/// retry policy needs (throttled? when to come back? worth retrying at all?) and the CRM's own error code.
/// </summary>
public sealed class CrmRequestFailedException : Exception
{
    public CrmRequestFailedException(string crm, int statusCode, string? errorCode, string message, TimeSpan? retryAfter = null, bool throttled = false, bool retryable = false, Exception? inner = null)
        : base($"{crm} answered {statusCode}{(errorCode is null ? "" : $" {errorCode}")}: {message}", inner)
    {
        Crm = crm;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        RetryAfter = retryAfter;
        Throttled = throttled;
        _retryable = retryable;
    }

    public CrmRequestFailedException()
        : this("crm", 0, null, "unknown failure")
    {
    }

    public CrmRequestFailedException(string message)
        : this("crm", 0, null, message)
    {
    }

    public CrmRequestFailedException(string message, Exception innerException)
        : this("crm", 0, null, message, inner: innerException)
    {
    }

    private readonly bool _retryable;

    public string Crm { get; }

    public int StatusCode { get; }

    /// <summary>The CRM's error code (<c>REQUEST_LIMIT_EXCEEDED</c>, <c>0x80072322</c>, <c>RecordInvalid</c>…).</summary>
    public string? ErrorCode { get; }

    /// <summary>When the CRM said to come back (Retry-After), if it did.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>A rate or quota limit, not a fault in the request: wait and retry.</summary>
    public bool Throttled { get; }

    /// <summary>
    /// Whether the same request may succeed later (limits, outages, timeouts, or what the adapter marked retryable
    /// such as Salesforce's UNABLE_TO_LOCK_ROW), as opposed to a request the CRM rejected for good.
    /// </summary>
    public bool Transient => Throttled || _retryable || StatusCode is 0 or 408 or >= 500;
}
