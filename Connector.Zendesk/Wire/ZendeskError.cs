namespace Connector.Zendesk.Wire;

/// <summary>Zendesk's error body: <c>{"error":"RecordInvalid","description":"…","details":{"field":[{"description","error"}]}}</c>.</summary>
internal sealed record ZendeskError(string? Code, string? Description, IReadOnlyList<ZendeskErrorDetail> Details);

internal sealed record ZendeskErrorDetail(string Field, string? Error, string? Description);
