using System.Text.Json.Serialization;

namespace Connector.Core.Channels;

/// <summary>The four channels; their wire names (read by <see cref="WireNames"/>) are part of the public contract.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Channel>))]
public enum Channel
{
    [JsonStringEnumMemberName("voice")] Voice,
    [JsonStringEnumMemberName("chat")] Chat,
    [JsonStringEnumMemberName("whatsapp")] WhatsApp,
    [JsonStringEnumMemberName("email")] Email,
}
