using System.Text.Json.Serialization;

namespace Connector.Core.Conversations;

/// <summary>Whether the customer (in) or the contact centre (out) started it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Direction>))]
public enum Direction
{
    [JsonStringEnumMemberName("in")] In,
    [JsonStringEnumMemberName("out")] Out,
}
