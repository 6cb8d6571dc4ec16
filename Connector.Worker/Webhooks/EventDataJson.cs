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

        if (CaseDuplicate(data, "data") is { } duplicate)
        {
            throw WebhookRejectedException.InvalidField(duplicate, $"'{duplicate}' is given twice (in different letter cases).");
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

    /// <summary>Read case-insensitively, <c>from</c> and <c>From</c> are one field given twice: the first such path.</summary>
    private static string? CaseDuplicate(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                if (CaseDuplicate(item, $"{path}[{i++}]") is { } found)
                {
                    return found;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in element.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    return $"{path}.{property.Name}";
                }

                if (CaseDuplicate(property.Value, $"{path}.{property.Name}") is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }
}
