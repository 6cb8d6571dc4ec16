namespace Connector.Worker.People.ApiKeys;

/// <summary>An issued key as stored: never its secret.</summary>
public sealed record ApiKeyRecord(string Id, string Name, string Role, string? AgentId, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
