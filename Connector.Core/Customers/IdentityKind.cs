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

    /// <summary>
    /// The From of a mail without a DMARC pass: it recognises the unverified sender of that address, never the
    /// customer who owns <see cref="Email"/> with the same value, until the claim is verified.
    /// </summary>
    [JsonStringEnumMemberName("unverified-email")] UnverifiedEmail,
}
