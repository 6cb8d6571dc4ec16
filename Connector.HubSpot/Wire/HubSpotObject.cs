using System.Text.Json.Serialization;

namespace Connector.HubSpot.Wire;

/// <summary>A CRM object as HubSpot returns it; <c>new</c> is set in batch upsert results.</summary>
internal sealed record HubSpotObject(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("properties")] Dictionary<string, string?>? Properties,
    [property: JsonPropertyName("new")] bool? New = null)
{
    public string? this[string property] => Properties is not null && Properties.TryGetValue(property, out var value) ? value : null;
}
