using System.Text.Json.Serialization;

namespace Connector.HubSpot.Wire;

/// <summary>The body of <c>POST /crm/v3/objects/{type}/search</c>: groups are ORed, the filters inside a group ANDed.</summary>
internal sealed record HubSpotSearchRequest(
    [property: JsonPropertyName("filterGroups")] IReadOnlyList<HubSpotFilterGroup> FilterGroups,
    [property: JsonPropertyName("properties")] IReadOnlyList<string> Properties,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("after")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? After = null);

internal sealed record HubSpotFilterGroup([property: JsonPropertyName("filters")] IReadOnlyList<HubSpotFilter> Filters);

internal sealed record HubSpotFilter(
    [property: JsonPropertyName("propertyName")] string PropertyName,
    [property: JsonPropertyName("operator")] string Operator,
    [property: JsonPropertyName("value")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Value = null,
    [property: JsonPropertyName("values")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Values = null);
