using System.Text.Json.Serialization;

namespace Connector.Salesforce.Wire;

/// <summary>What create and upsert answer: <c>{"id","success","errors","created"}</c>.</summary>
internal sealed record SalesforceSaveResult(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("errors")] IReadOnlyList<SalesforceError>? Errors,
    [property: JsonPropertyName("created")] bool? Created);
