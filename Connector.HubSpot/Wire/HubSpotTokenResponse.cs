using System.Text.Json.Serialization;

namespace Connector.HubSpot.Wire;

/// <summary>The answer of <c>POST /oauth/v1/token</c>, or its error (<c>BAD_REFRESH_TOKEN</c>, <c>BAD_CLIENT_ID</c>…).</summary>
internal sealed record HubSpotTokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn,
    [property: JsonPropertyName("status")] string? Status = null,
    [property: JsonPropertyName("message")] string? Message = null);
