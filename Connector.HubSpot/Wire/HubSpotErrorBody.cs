using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connector.HubSpot.Wire;

/// <summary>
/// HubSpot's error body (<c>{"status":"error","message","correlationId","category",…}</c>), also one entry of a batch's
/// <c>errors</c>; a 429 adds <c>errorType</c> and <c>policyName</c>.
/// </summary>
internal sealed record HubSpotErrorBody(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("correlationId")] string? CorrelationId,
    [property: JsonPropertyName("category")] string? Category,
    [property: JsonPropertyName("subCategory")] string? SubCategory = null,
    [property: JsonPropertyName("errorType")] string? ErrorType = null,
    [property: JsonPropertyName("policyName")] string? PolicyName = null,
    [property: JsonPropertyName("context")] Dictionary<string, JsonElement>? Context = null);
