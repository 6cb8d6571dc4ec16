using System.Text.Json.Serialization;

namespace Connector.HubSpot.Wire;

/// <summary>A File Manager file as <c>POST /files/v3/files</c> returns it.</summary>
internal sealed record HubSpotFile(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("extension")] string? Extension,
    [property: JsonPropertyName("access")] string? Access);
