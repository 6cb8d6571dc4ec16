using System.Text.Json.Nodes;

namespace Connector.Worker.Tests.Fakes.Acs;

/// <summary>Event Grid schema envelopes for ACS events, for <see cref="FakeAcsServer.PostEventGridEventsAsync"/>.</summary>
public static class FakeEventGridEvents
{
    public static JsonObject Create(string eventType, string subject, JsonNode data, DateTimeOffset? eventTime = null, string? id = null) => new()
    {
        ["id"] = id ?? Guid.NewGuid().ToString(),
        ["topic"] = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/fake/providers/Microsoft.Communication/communicationServices/fake-acs",
        ["subject"] = subject,
        ["data"] = data,
        ["eventType"] = eventType,
        ["eventTime"] = FakeAcsJsonBody.Time(eventTime ?? DateTimeOffset.UtcNow),
        ["dataVersion"] = "1.0",
        ["metadataVersion"] = "1",
    };

    /// <summary>The JSON array Event Grid delivers.</summary>
    public static string Batch(params JsonObject[] events) => new JsonArray([.. events]).ToJsonString();
}
