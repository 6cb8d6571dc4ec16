using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connector.Zendesk.Wire;

/// <summary>
/// A background job (create_many, update_many, create_or_update_many): queued → working → completed | failed | killed.
/// Results are per item and their order is not promised: create results name the input <c>index</c>, update results
/// the ticket <c>id</c>, user results the <c>external_id</c> or <c>email</c>; a Failed entry's <c>id</c> is the input's index.
/// </summary>
internal sealed record ZendeskJobStatus(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("results")] IReadOnlyList<ZendeskJobResult>? Results)
{
    public bool IsDone => Status is "completed" or "failed" or "killed";
}

internal sealed record ZendeskJobResult(
    [property: JsonPropertyName("id")] long? Id,
    [property: JsonPropertyName("index")] int? Index,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("success")] bool? Success,
    [property: JsonPropertyName("external_id")] string? ExternalId,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("details")] JsonElement? Details)
{
    public bool Failed => Status == "Failed" || Success == false || Error is not null;

    public string DetailText => Details is { ValueKind: JsonValueKind.String } text ? text.GetString() ?? "" : Details?.ToString() ?? "";
}

internal sealed record ZendeskJobStatusAnswer(
    [property: JsonPropertyName("job_status")] ZendeskJobStatus JobStatus);
