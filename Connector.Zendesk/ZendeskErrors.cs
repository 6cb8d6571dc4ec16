using System.Globalization;
using System.Net;
using System.Text.Json;
using Connector.Core.Crm;
using Connector.Zendesk.Wire;

namespace Connector.Zendesk;

/// <summary>
/// Turns Zendesk's answers (<c>{"error","description","details"}</c>, or plain text on a 429) into the adapter
/// boundary's one exception, deciding what is throttled, worth retrying, or refused for good.
/// </summary>
internal static class ZendeskErrors
{
    public const string Crm = "zendesk";

    /// <summary>Zendesk's validation failure (422), with field-keyed <c>details</c>.</summary>
    public const string RecordInvalid = "RecordInvalid";

    /// <summary>When Zendesk gives no Retry-After on a 429, a minute is its rate window.</summary>
    private static readonly TimeSpan DefaultThrottle = TimeSpan.FromSeconds(60);

    public static ZendeskError? Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error))
            {
                return null;
            }

            // "error" is a code ("RecordInvalid") on most endpoints, an object {"title","message"} on some.
            var code = error.ValueKind == JsonValueKind.String ? error.GetString()
                : error.ValueKind == JsonValueKind.Object && error.TryGetProperty("title", out var title) ? title.GetString() : null;
            var description = root.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()
                : error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) ? m.GetString() : null;
            var details = new List<ZendeskErrorDetail>();
            if (root.TryGetProperty("details", out var detailObject) && detailObject.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in detailObject.EnumerateObject())
                {
                    if (field.Value.ValueKind != JsonValueKind.Array)
                    {
                        continue;
                    }

                    foreach (var item in field.Value.EnumerateArray())
                    {
                        details.Add(new ZendeskErrorDetail(
                            field.Name,
                            item.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null,
                            item.TryGetProperty("description", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null));
                    }
                }
            }

            return new ZendeskError(code, description, details);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Headers.RetryAfter is { } header)
        {
            if (header.Delta is { } delta)
            {
                return delta;
            }

            if (header.Date is { } date)
            {
                var wait = date - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        // Some 429s carry a bare number the typed header rejects.
        return response.Headers.TryGetValues("Retry-After", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds) : null;
    }

    public static CrmRequestFailedException ToException(int status, string body, TimeSpan? retryAfter, string operation)
    {
        var error = Parse(body);
        var text = error is null ? Plain(body) : Describe(error);
        var message = $"{operation}: {text}";
        return status switch
        {
            // The account's per-minute limit, or the per-user / per-ticket update limits (plain-text bodies).
            (int)HttpStatusCode.TooManyRequests => new CrmRequestFailedException(Crm, status, error?.Code ?? "TooManyRequests", message, retryAfter ?? DefaultThrottle, throttled: true),
            // Another update to the same ticket won (Zendesk's optimistic locking): the same request succeeds later.
            (int)HttpStatusCode.Conflict => new CrmRequestFailedException(Crm, status, error?.Code, message, retryAfter, retryable: true),
            _ => new CrmRequestFailedException(Crm, status, error?.Code, message, retryAfter),
        };
    }

    public static CrmRequestFailedException ToException(ZendeskError? error, string operation) =>
        new(Crm, 422, error?.Code, $"{operation}: {(error is null ? "no error in the job result" : Describe(error))}");

    /// <summary>Zendesk's 5,000-comments-per-ticket ceiling: the conversation continues in a follow-up ticket.</summary>
    public static bool IsCommentCeiling(CrmRequestFailedException failure) =>
        failure is { StatusCode: 422, ErrorCode: RecordInvalid }
        && failure.Message.Contains("5000", StringComparison.Ordinal)
        && failure.Message.Contains("comment", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Zendesk's refusal of a ticket's voice comment (a required field missing or invalid): the field is named in a
    /// request's details (<c>voice_comment</c>), and a job result carries only the description ("Voice comment: …").
    /// </summary>
    public static bool IsVoiceCommentInvalid(CrmRequestFailedException failure) =>
        failure is { StatusCode: 422, ErrorCode: RecordInvalid }
        && (failure.Message.Contains("voice_comment", StringComparison.Ordinal) || failure.Message.Contains("Voice comment:", StringComparison.Ordinal));

    /// <summary>"Status: closed prevents ticket update": a closed ticket takes nothing more; a follow-up does.</summary>
    public static bool IsClosed(CrmRequestFailedException failure) =>
        failure is { StatusCode: 422, ErrorCode: RecordInvalid }
        && failure.Message.Contains("closed prevents ticket update", StringComparison.OrdinalIgnoreCase);

    private static string Describe(ZendeskError error)
    {
        var details = string.Join("; ", error.Details.Select(d => $"{d.Field}: {d.Description ?? d.Error}"));
        return $"{error.Description ?? error.Code}{(details.Length == 0 ? "" : $" ({details})")}";
    }

    private static string Plain(string body)
    {
        var text = body.Trim();
        return text.Length == 0 ? "no error body" : text.Length <= 300 ? text : text[..300];
    }
}
