using System.Text.Json.Serialization;

namespace Connector.HubSpot.Wire;

/// <summary>One input of <c>POST /crm/v4/associations/{from}/{to}/batch/create</c>.</summary>
internal sealed record HubSpotAssociationInput(
    [property: JsonPropertyName("from")] HubSpotObjectId From,
    [property: JsonPropertyName("to")] HubSpotObjectId To,
    [property: JsonPropertyName("types")] IReadOnlyList<HubSpotAssociationType> Types);

internal sealed record HubSpotObjectId([property: JsonPropertyName("id")] string Id);

internal sealed record HubSpotAssociationType(
    [property: JsonPropertyName("associationCategory")] string AssociationCategory,
    [property: JsonPropertyName("associationTypeId")] int AssociationTypeId);
