using System.Text.Json.Serialization;

namespace Connector.Core.Customers;

/// <summary>How a customer can be recognised on a channel.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IdentityKind>))]
public enum IdentityKind
{
    [JsonStringEnumMemberName("phone")] Phone,
    [JsonStringEnumMemberName("whatsapp")] WhatsApp,
    [JsonStringEnumMemberName("email")] Email,
    [JsonStringEnumMemberName("chat")] Chat,
}
