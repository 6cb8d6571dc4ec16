using System.Text.Json.Nodes;

namespace Connector.Fakes.Crm.Zendesk;

/// <summary>An answer of the fake: JSON, or plain text (Zendesk's 429s), with extra headers.</summary>
public sealed record FakeZendeskResponse(int Status, JsonNode? Body, string? Text = null)
{
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static FakeZendeskResponse Json(int status, JsonNode body) => new(status, body);

    /// <summary><c>{"error","description"}</c>, with field-keyed <c>details</c> when given.</summary>
    public static FakeZendeskResponse Error(int status, string error, string description, JsonObject? details = null)
    {
        var body = new JsonObject { ["error"] = error, ["description"] = description };
        if (details is not null)
        {
            body["details"] = details;
        }

        return new FakeZendeskResponse(status, body);
    }

    /// <summary>422 RecordInvalid with one field's error, as Zendesk words validation failures.</summary>
    public static FakeZendeskResponse Invalid(string field, string description, string? error = null)
    {
        var detail = new JsonObject { ["description"] = description };
        if (error is not null)
        {
            detail["error"] = error;
        }

        return Error(422, "RecordInvalid", "Record validation errors", new JsonObject { [field] = new JsonArray(detail) });
    }

    public static FakeZendeskResponse NotFound() => Error(404, "RecordNotFound", "Not found");

    public static FakeZendeskResponse TooManyRequests(string text, int retryAfterSeconds)
    {
        var response = new FakeZendeskResponse(429, null, text);
        response.Headers["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return response;
    }
}
