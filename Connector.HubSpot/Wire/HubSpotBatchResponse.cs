using System.Text.Json.Serialization;

namespace Connector.HubSpot.Wire;

/// <summary>A batch endpoint's answer: 200 when every input was written, 207 with <c>errors</c> when some were not.</summary>
internal sealed record HubSpotBatchResponse(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("results")] List<HubSpotObject>? Results,
    [property: JsonPropertyName("errors")] List<HubSpotErrorBody>? Errors = null,
    [property: JsonPropertyName("numErrors")] int? NumErrors = null);
