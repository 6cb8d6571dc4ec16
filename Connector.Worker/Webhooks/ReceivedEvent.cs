using System.Text.Json;

namespace Connector.Worker.Webhooks;

/// <summary>One event of a delivery, in either schema, with its envelope read case-insensitively.</summary>
/// <param name="Raw">The event exactly as delivered, kept before anything acts on it.</param>
/// <param name="Canonical">The envelope with canonical field names, as Azure.Messaging.EventGrid expects it.</param>
internal sealed record ReceivedEvent(string Id, string Type, DateTimeOffset? Time, JsonElement Data, string Raw, string Canonical, bool IsCloudEvent);
