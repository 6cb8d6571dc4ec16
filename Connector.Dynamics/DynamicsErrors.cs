using System.Globalization;
using System.Net;
using System.Text.Json;
using Connector.Core.Crm;
using Connector.Dynamics.Wire;

namespace Connector.Dynamics;

/// <summary>Turns Dataverse's OData error bodies into the adapter boundary's one exception, deciding what is worth retrying.</summary>
internal static class DynamicsErrors
{
    public const string Crm = "dynamics";

    /// <summary>Duplicate detection found a matching record (412): a create that is refused for good.</summary>
    public const string DuplicateDetected = "0x80040333";

    /// <summary>Service protection codes: requests, execution time, concurrency (5-minute sliding window per user).</summary>
    private static readonly string[] ServiceProtection = ["0x80072322", "0x80072321", "0x80072326"];

    /// <summary>SQL deadlock or timeout and generic SQL errors: the same request succeeds later.</summary>
    private static readonly string[] Retryable = ["0x80044150", "0x80040251", "0x80048d0b"];

    /// <summary>When Dataverse throttles without Retry-After (it should not), come back after this long.</summary>
    private static readonly TimeSpan DefaultBackoff = TimeSpan.FromSeconds(30);

    public static DynamicsError? Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<DynamicsErrorBody>(body)?.Error;
        }
        catch (JsonException)
        {
            return null; // a gateway's HTML page: the status code says enough
        }
    }

    public static CrmRequestFailedException ToException(int status, DynamicsError? error, string? retryAfter, string operation)
    {
        var code = error?.Code is { Length: > 0 } c ? c : null;
        var message = $"{operation}: {error?.Message ?? (status == 401 ? "the token was refused" : "no error body")}";
        if (status == (int)HttpStatusCode.TooManyRequests || (code is not null && ServiceProtection.Contains(code, StringComparer.OrdinalIgnoreCase)))
        {
            return new CrmRequestFailedException(Crm, status, code, message, RetryAfter(retryAfter) ?? DefaultBackoff, throttled: true);
        }

        return new CrmRequestFailedException(Crm, status, code, message, RetryAfter(retryAfter),
            retryable: code is not null && Retryable.Contains(code, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Dataverse sends Retry-After in seconds (possibly fractional); an HTTP date is read too.</summary>
    public static TimeSpan? RetryAfter(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero
            : null;
    }
}
