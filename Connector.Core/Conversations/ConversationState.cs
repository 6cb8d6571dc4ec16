using System.Text.Json.Serialization;

namespace Connector.Core.Conversations;

[JsonConverter(typeof(JsonStringEnumConverter<ConversationState>))]
public enum ConversationState
{
    [JsonStringEnumMemberName("open")] Open,
    [JsonStringEnumMemberName("closed")] Closed,
}
