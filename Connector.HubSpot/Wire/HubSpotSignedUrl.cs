using System.Text.Json.Serialization;

namespace Connector.HubSpot.Wire;

/// <summary>The answer of <c>GET /files/v3/files/{id}/signed-url</c>: a link that serves a private file until it expires.</summary>
internal sealed record HubSpotSignedUrl(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("expiresAt")] DateTimeOffset? ExpiresAt);
