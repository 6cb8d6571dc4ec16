using System.Text.Json.Serialization;

namespace Connector.HubSpot.Wire;

/// <summary>One input of <c>batch/upsert</c>: the record whose unique <c>idProperty</c> equals <c>id</c>, created or updated.</summary>
internal sealed record HubSpotUpsertInput(
    [property: JsonPropertyName("idProperty")] string IdProperty,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("properties")] Dictionary<string, string?> Properties);
