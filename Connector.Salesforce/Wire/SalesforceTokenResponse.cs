using System.Text.Json.Serialization;

namespace Connector.Salesforce.Wire;

/// <summary>The OAuth token endpoint's answer; Salesforce sends no refresh token and no expiry for these flows.</summary>
internal sealed record SalesforceTokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("instance_url")] string? InstanceUrl,
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_description")] string? ErrorDescription);
