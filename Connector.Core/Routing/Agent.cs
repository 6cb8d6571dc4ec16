namespace Connector.Core.Routing;

/// <summary>A person who takes work. <paramref name="CrmUserId"/> makes every CRM activity show who did it.</summary>
public sealed record Agent(
    string Id,
    string Name,
    string? CrmUserId,
    IReadOnlyDictionary<string, int> Skills,
    IReadOnlyList<string> Languages);
