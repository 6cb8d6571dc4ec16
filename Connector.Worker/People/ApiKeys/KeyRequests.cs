namespace Connector.Worker.People.ApiKeys;

/// <summary><c>POST /api/keys</c>: a named key with a role; agent and supervisor keys act as the agent they name.</summary>
public sealed record KeyRequest(string? Name, string? Role, string? AgentId);

/// <summary>The key itself is in this answer only: it is stored as a hash.</summary>
public sealed record IssuedKeyResponse(string Id, string Key, string Name, string Role, string? AgentId, DateTimeOffset CreatedAt);
