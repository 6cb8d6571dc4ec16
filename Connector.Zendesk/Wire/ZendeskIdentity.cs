using System.Text.Json.Serialization;

namespace Connector.Zendesk.Wire;

/// <summary>One of a user's identities (<c>email</c>, <c>phone_number</c>…); search shows only the primary ones.</summary>
internal sealed record ZendeskIdentity(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("value")] string? Value);

internal sealed record ZendeskIdentities(
    [property: JsonPropertyName("identities")] IReadOnlyList<ZendeskIdentity>? Identities);
