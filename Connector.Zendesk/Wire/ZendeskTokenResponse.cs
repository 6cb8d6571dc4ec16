using System.Text.Json.Serialization;

namespace Connector.Zendesk.Wire;

/// <summary>The answer of <c>POST /oauth/tokens</c>.</summary>
internal sealed record ZendeskTokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("expires_in")] long? ExpiresIn,
    [property: JsonPropertyName("token_type")] string? TokenType);
