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

    /// <exception cref="WebhookRejectedException">The body is not a delivery in either schema.</exception>
    public static IReadOnlyList<ReceivedEvent> Read(ReadOnlySpan<byte> body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new WebhookRejectedException(400, "Malformed JSON", $"The body is not JSON: {ex.Message}");
        }

        var items = root switch
        {
            JsonArray array => array.ToList(),
            JsonObject single => [single],
            _ => throw new WebhookRejectedException(400, "Not an event delivery", "Expected an event object or an array of events."),
        };
        if (items.Count == 0)
        {
            throw new WebhookRejectedException(400, "Empty delivery", "The delivery holds no events.");
        }

        return items.Select((item, index) => ReadOne(item as JsonObject ?? throw new WebhookRejectedException(400, "Not an event", $"Item {index} is not a JSON object."), index)).ToList();
    }

    private static ReceivedEvent ReadOne(JsonObject item, int index)
    {
        var raw = item.ToJsonString();
        var isCloudEvent = Find(item, "specversion") is not null;
        var canonical = new JsonObject();
        foreach (var name in isCloudEvent ? CloudEventFields : EventGridFields)
        {
            if (Find(item, name) is { } value)
            {
                canonical[name] = value.DeepClone();
            }
        }

        var id = Text(canonical, "id") ?? throw Missing(index, "id");
        var type = Text(canonical, isCloudEvent ? "type" : "eventType") ?? throw Missing(index, isCloudEvent ? "type" : "eventType");
        var timeText = Text(canonical, isCloudEvent ? "time" : "eventTime");
        DateTimeOffset? time = DateTimeOffset.TryParse(timeText, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t) ? t : null;
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
        new(400, "Event missing a required field", $"Event {index} has no '{field}'.");
}
