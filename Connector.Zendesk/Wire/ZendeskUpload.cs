using System.Text.Json.Serialization;

namespace Connector.Zendesk.Wire;

/// <summary>The answer of <c>POST /api/v2/uploads</c>: the token a comment's <c>uploads</c> names, and the stored attachment.</summary>
internal sealed record ZendeskUpload(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("attachments")] IReadOnlyList<ZendeskAttachment>? Attachments);

internal sealed record ZendeskAttachment(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("file_name")] string? FileName,
    [property: JsonPropertyName("content_url")] string? ContentUrl,
    [property: JsonPropertyName("size")] long? Size);

internal sealed record ZendeskUploadAnswer(
    [property: JsonPropertyName("upload")] ZendeskUpload Upload);
