using System.Text.Json.Serialization;

namespace Connector.Core.Routing;

/// <summary>
/// Where a routing task is: one enum for the routing engine, the store and the API. The engine holds tasks that are
/// queued, offered, assigned or in wrap-up; completed and abandoned tasks have left it. The wire names are a public
/// contract and are stored: change a C# name if need be, never a wire name.
/// </summary>
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
