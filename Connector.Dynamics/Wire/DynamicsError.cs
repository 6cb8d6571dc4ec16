using System.Text.Json.Serialization;

namespace Connector.Dynamics.Wire;

/// <summary>The OData error body, <c>{"error":{"code":"0x80040217","message":"…"}}</c>; the code is often empty.</summary>
internal sealed record DynamicsErrorBody([property: JsonPropertyName("error")] DynamicsError? Error);

internal sealed record DynamicsError(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("message")] string? Message);
