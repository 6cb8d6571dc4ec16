using System.Text.Json.Serialization;

namespace Connector.Core.Routing;

[JsonConverter(typeof(JsonStringEnumConverter<RoutingTaskState>))]
public enum RoutingTaskState
{
    /// <summary>Waiting for an agent.</summary>
    [JsonStringEnumMemberName("queued")] Queued,
    [JsonStringEnumMemberName("offered")] Offered,
    [JsonStringEnumMemberName("assigned")] Assigned,
    /// <summary>The customer is gone; the agent finishes notes and disposition, still holding capacity.</summary>
    [JsonStringEnumMemberName("wrap_up")] WrapUp,
    [JsonStringEnumMemberName("completed")] Completed,
    /// <summary>The customer left before an agent took it (a caller who hung up in the queue).</summary>
    [JsonStringEnumMemberName("abandoned")] Abandoned,
}
