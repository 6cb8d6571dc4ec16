using System.Text.Json.Serialization;

namespace Connector.Core.Customers;

/// <summary>One normalized identity (E.164 phone, E.164 WhatsApp id, lower-cased email, chat user id).</summary>
/// <remarks>Only <see cref="IdentityNormalizer"/> creates these, so two equal identities always compare equal.</remarks>
public sealed record CustomerIdentity(
    [property: JsonPropertyName("kind")] IdentityKind Kind,
    [property: JsonPropertyName("value")] string Value)
{
    public string KindName => WireNames.Of(Kind);

    public override string ToString() => $"{KindName}:{Value}";
}
