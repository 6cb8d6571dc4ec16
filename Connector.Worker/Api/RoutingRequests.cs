namespace Connector.Worker.Api;

/// <summary><c>PUT /api/agents/{id}</c>.</summary>
public sealed record AgentRequest(string? Name, string? CapacityProfile, Dictionary<string, int>? Skills, List<string>? Languages, string? CrmUserId);

/// <summary><c>PUT /api/agents/{id}/presence</c>: the channels the agent is online for; none means offline.</summary>
public sealed record PresenceRequest(List<string>? Channels);

/// <summary><c>POST /api/offers/{taskId}/accept|decline</c>.</summary>
public sealed record OfferActionRequest(string? AgentId);

public sealed record AgentResponse(string Id, string Name, string CapacityProfile, IReadOnlyDictionary<string, int> Skills, IReadOnlyList<string> Languages, string? CrmUserId, IReadOnlyList<string> Channels, DateTimeOffset UpdatedAt);

public sealed record CommandResponse(string Result);
