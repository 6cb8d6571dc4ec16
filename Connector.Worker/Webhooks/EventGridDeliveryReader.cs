using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connector.Worker.Webhooks;

/// <summary>
/// Reads an Event Grid delivery: the Event Grid schema (always an array) or CloudEvents 1.0 (one event or a batch).
/// Field names are matched whatever their casing (the published samples disagree), then rewritten to the
/// canonical names so that Azure.Messaging.EventGrid can parse the envelope and its system data.
/// </summary>
internal static class EventGridDeliveryReader
{
    private static readonly string[] EventGridFields = ["id", "topic", "subject", "data", "eventType", "eventTime", "dataVersion", "metadataVersion"];
    private static readonly string[] CloudEventFields = ["id", "source", "subject", "data", "type", "time", "specversion", "datacontenttype", "dataschema"];

    /// <summary>Event ids and types are GUIDs and dotted names; a longer one is not from Event Grid.</summary>
    private const int MaxIdLength = 512;

    /// <exception cref="WebhookRejectedException">The body is not a delivery in either schema.</exception>
    public static IReadOnlyList<ReceivedEvent> Read(ReadOnlySpan<byte> body)
    {
        JsonNode? root;
        try
        {
            // A key given twice is refused: which copy counts would be the sender's choice.
            root = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            throw new WebhookRejectedException(400, "Malformed JSON", $"The body is not JSON: {ex.Message}", Limits.BadRequestProblems.FieldOf(ex.Path));
        }

        var items = root switch
        {
            JsonArray array => array.ToList(),
            JsonObject single => [single],
            _ => throw new WebhookRejectedException(400, "Not an event delivery", "Expected an event object or an array of events.", "body"),
        };
        if (items.Count == 0)
        {
            throw new WebhookRejectedException(400, "Empty delivery", "The delivery holds no events.", "body");
        }

        return items.Select((item, index) => ReadOne(item as JsonObject ?? throw new WebhookRejectedException(400, "Not an event", $"Item {index} is not a JSON object.", $"[{index}]"), index)).ToList();
    }

    private static ReceivedEvent ReadOne(JsonObject item, int index)
    {
        var raw = item.ToJsonString();
        var isCloudEvent = Find(item, "specversion") is not null;
        var canonical = new JsonObject();
        foreach (var name in isCloudEvent ? CloudEventFields : EventGridFields)
        {
            // "id" and "ID" both present: read case-insensitively, that is a key given twice.
            var matches = item.Where(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
            if (matches.Count > 1)
            {
                throw Invalid(index, name, "is given twice (in different letter cases)");
            }

            if (matches is [{ Value: { } value }])
            {
                // The envelope's fields other than data are strings; anything else is not an event of either schema.
                if (name != "data" && value.GetValueKind() != JsonValueKind.String)
                {
                    throw Invalid(index, name, $"must be a string (got {value.GetValueKind()})");
                }

                canonical[name] = value.DeepClone();
            }
        }

        var id = Text(canonical, "id") ?? throw Missing(index, "id");
        var type = Text(canonical, isCloudEvent ? "type" : "eventType") ?? throw Missing(index, isCloudEvent ? "type" : "eventType");
        if (id.Length > MaxIdLength)
        {
            throw Invalid(index, "id", $"is longer than {MaxIdLength} characters");
        }

        if (type.Length > MaxIdLength)
        {
            throw Invalid(index, isCloudEvent ? "type" : "eventType", $"is longer than {MaxIdLength} characters");
        }

        var timeField = isCloudEvent ? "time" : "eventTime";
        // Present means it parses: an empty or wrong time would fail the envelope's own parser later.
        var timeText = canonical[timeField] is JsonValue timeValue && timeValue.TryGetValue<string>(out var given) ? given : null;
        DateTimeOffset? time = null;
        if (timeText is not null)
        {
            time = DateTimeOffset.TryParse(timeText, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t)
                ? t
                : throw Invalid(index, timeField, "is not a date and time (RFC 3339)");
        }

        if (isCloudEvent && Text(canonical, "specversion") != "1.0")
        {
            throw Invalid(index, "specversion", "must be 1.0");
        }
        if (!isCloudEvent)
        {
            // Azure.Messaging.EventGrid requires these envelope fields; some senders leave them out.
            canonical["subject"] ??= "";
            canonical["dataVersion"] ??= "1.0";
            canonical["eventTime"] ??= (time ?? DateTimeOffset.UnixEpoch).ToString("O");
        }
        else
        {
            canonical["source"] ??= "unknown";
        }

        var data = canonical["data"] is { } node ? JsonSerializer.SerializeToElement(node) : default;
        return new ReceivedEvent(id, type, time, data, raw, canonical.ToJsonString(), isCloudEvent);
    }

    /// <summary>A property by name, ignoring case.</summary>
    public static JsonNode? Find(JsonObject obj, string name) =>
        obj.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string? Text(JsonObject obj, string name) => obj[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    private static WebhookRejectedException Missing(int index, string field) =>
        new(400, "Event missing a required field", $"Event {index} has no '{field}'.", field);

    private static WebhookRejectedException Invalid(int index, string field, string reason) =>
        WebhookRejectedException.InvalidField(field, $"Event {index}: '{field}' {reason}.");
}
