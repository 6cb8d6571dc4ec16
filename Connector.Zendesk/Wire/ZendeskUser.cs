using System.Text.Json.Serialization;

namespace Connector.Zendesk.Wire;

/// <summary>A user as search and show return it: only the primary email and phone.</summary>
internal sealed record ZendeskUser(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("phone")] string? Phone,
    [property: JsonPropertyName("external_id")] string? ExternalId,
    [property: JsonPropertyName("role")] string? Role);

internal sealed record ZendeskUsers(
    [property: JsonPropertyName("users")] IReadOnlyList<ZendeskUser>? Users);

/// <summary>The answer of create_or_update: <c>{"user":{…}}</c>, 201 created, 200 updated.</summary>
internal sealed record ZendeskUserAnswer(
    [property: JsonPropertyName("user")] ZendeskUser User);
