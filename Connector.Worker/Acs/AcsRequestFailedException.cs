using System.Net;
using System.Text.Json;

namespace Connector.Worker.Acs;

/// <summary>
/// The one failure type of the ACS boundary: an ACS call answered with an error (or an operation ended in failure).
/// Carries the HTTP status, ACS's error code and its <c>Retry-After</c>, so a job can decide whether and when to retry.
/// </summary>
public sealed class AcsRequestFailedException : Exception
{
    public AcsRequestFailedException(HttpStatusCode statusCode, string? errorCode, string message, TimeSpan? retryAfter = null)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        RetryAfter = retryAfter;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>ACS's code: <c>error.code</c> of the body, else the <c>x-ms-error-code</c> header.</summary>
    public string? ErrorCode { get; }

    public TimeSpan? RetryAfter { get; }

    /// <summary>Whether trying the same call later may succeed (throttling, timeouts and server errors).</summary>
    public bool IsTransient => StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)StatusCode >= 500;

    /// <summary>Reads ACS's error body (<c>{"error":{"code","message"}}</c>) or headers; the body is not kept beyond its message.</summary>
    public static async Task<AcsRequestFailedException> FromResponseAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        string? code = null;
        string? detail = null;
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!string.IsNullOrWhiteSpace(text))
            {
                using var json = JsonDocument.Parse(text);
                if (json.RootElement.ValueKind == JsonValueKind.Object
                    && json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                {
                    code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                    detail = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                }
            }
        }
        catch (JsonException)
        {
            // Not ACS's error shape (a proxy's page, say): status and headers still tell what happened.
        }

        if (code is null && response.Headers.TryGetValues("x-ms-error-code", out var headerCodes))
        {
            code = headerCodes.FirstOrDefault();
        }

        var status = response.StatusCode;
        var message = $"ACS {operation} failed: {(int)status} {status}"
            + (code is null ? "" : $" ({code})")
            + (string.IsNullOrWhiteSpace(detail) ? "." : $": {detail}");
        return new AcsRequestFailedException(status, code, message, RetryAfterOf(response));
    }

    internal static TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
