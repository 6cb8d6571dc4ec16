using System.Text.Json.Serialization;

namespace Connector.Dynamics.Wire;

/// <summary>The Entra ID token endpoint's answer: a token and its lifetime, or an error with its AADSTS description.</summary>
internal sealed record DynamicsTokenResponse(
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("expires_in")] long? ExpiresIn,
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_description")] string? ErrorDescription);
