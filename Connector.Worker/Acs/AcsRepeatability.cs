using System.Globalization;

namespace Connector.Worker.Acs;

/// <summary>
/// ACS's repeatable requests (<c>Repeatability-Request-ID</c> + <c>Repeatability-First-Sent</c>): the service executes
/// a request with a given id only once, which is what makes retrying that POST safe.
/// </summary>
public static class AcsRepeatability
{
    public const string RequestIdHeader = "Repeatability-Request-ID";
    public const string FirstSentHeader = "Repeatability-First-Sent";

    /// <summary>Marks a POST as repeatable: a fresh UUID and the time of its first send (RFC 1123), kept across retries.</summary>
    public static void Stamp(HttpRequestMessage request, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        Stamp(request, new AcsRepeatableRequest(Guid.NewGuid(), time.GetUtcNow()));
    }

    /// <summary>
    /// Marks a POST as the repeat of <paramref name="repeat"/>: a send made again later (by another process, after a
    /// crash) with the same id and first-sent time is executed by ACS once.
    /// </summary>
    public static void Stamp(HttpRequestMessage request, AcsRepeatableRequest repeat)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(repeat);
        request.Headers.Remove(RequestIdHeader);
        request.Headers.Remove(FirstSentHeader);
        request.Headers.TryAddWithoutValidation(RequestIdHeader, repeat.RequestId.ToString());
        request.Headers.TryAddWithoutValidation(FirstSentHeader, repeat.FirstSentAt.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Whether sending the request again cannot do the work twice: idempotent methods, and POSTs that carry both
    /// repeatability headers. Other POSTs (send a chat message, create a user, send an email) are never retried blindly.
    /// </summary>
    public static bool AllowsRetry(HttpRequestMessage? request)
    {
        if (request is null)
        {
            return false;
        }

        var method = request.Method;
        if (method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options
            || method == HttpMethod.Put || method == HttpMethod.Delete)
        {
            return true;
        }

        return request.Headers.Contains(RequestIdHeader) && request.Headers.Contains(FirstSentHeader);
    }
}
