using System.Text.Json;

namespace Connector.Worker.Webhooks;

/// <summary>
/// Reads an event's <c>data</c> into one of our records, case-insensitively (ACS samples use both camelCase and
/// PascalCase). A value of the wrong type (a number for <c>from</c>, a word for <c>receivedTimestamp</c>) or a key
/// given twice refuses the delivery, naming the field by its JSON path, instead of escaping as a 500.
/// </summary>
internal static class EventDataJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { PropertyNameCaseInsensitive = true, AllowDuplicateProperties = false };

    /// <summary>Null when <c>data</c> is not an object.</summary>
    /// <exception cref="WebhookRejectedException">A field of <c>data</c> does not fit the record.</exception>
    public static T? Read<T>(JsonElement data) where T : class
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            return data.Deserialize<T>(Options);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 1 } path ? "data" + path.TrimStart('$') : "data";
            var reason = ex.Message.IndexOf(" Path: ", StringComparison.Ordinal) is var cut and > 0 ? ex.Message[..cut] : ex.Message;
            throw WebhookRejectedException.InvalidField(field, $"'{field}': {reason}");
        }
    }
}
