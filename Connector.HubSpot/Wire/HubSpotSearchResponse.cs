using System.Text.Json.Serialization;

namespace Connector.HubSpot.Wire;

internal sealed record HubSpotSearchResponse(
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("results")] List<HubSpotObject> Results,
    [property: JsonPropertyName("paging")] HubSpotPaging? Paging = null);

internal sealed record HubSpotPaging([property: JsonPropertyName("next")] HubSpotNextPage? Next);

internal sealed record HubSpotNextPage([property: JsonPropertyName("after")] string After);
