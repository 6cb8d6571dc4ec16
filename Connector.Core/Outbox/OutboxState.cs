using System.Text.Json.Serialization;

namespace Connector.Core.Outbox;

/// <summary>Where a row of CRM work is; the wire names are stored and shown by <c>GET /api/outbox</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OutboxState>))]
public enum OutboxState
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("done")] Done,
    /// <summary>Out of attempts; kept with its last error until someone re-runs it.</summary>
    [JsonStringEnumMemberName("dead")] Dead,
}
