using System.Text.Json.Serialization;

namespace Connector.Salesforce.Wire;

/// <summary>
/// One entry of Salesforce's error array <c>[{"message","errorCode","fields"}]</c>; sObject Collections name the code
/// <c>statusCode</c> instead.
/// </summary>
internal sealed record SalesforceError(
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("errorCode")] string? ErrorCode,
    [property: JsonPropertyName("fields")] IReadOnlyList<string>? Fields)
{
    [JsonPropertyName("statusCode")]
    public string? StatusCode { get; init; }

    public string? Code => ErrorCode ?? StatusCode;
}
