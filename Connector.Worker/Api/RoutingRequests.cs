namespace Connector.Worker.Api;

/// <summary><c>PUT /api/agents/{id}</c>.</summary>
/// <param name="Email">The address they sign in with: a sign-in with it (local, or the IdP's verified email) is this agent.</param>
/// <param name="Supervises">The charter queues this person supervises (with the supervisor role).</param>
public sealed record AgentRequest(string? Name, string? CapacityProfile, Dictionary<string, int>? Skills, List<string>? Languages, string? CrmUserId, string? Email = null, List<string>? Supervises = null);

/// <summary><c>PUT /api/agents/{id}/presence</c>: the channels the agent is online for; none means offline.</summary>
public sealed record PresenceRequest(List<string>? Channels);

/// <summary><c>POST /api/offers/{taskId}/accept|decline</c>: no body needed; an agentId, if sent, must be the caller's.</summary>
public sealed record OfferActionRequest(string? AgentId);

public sealed record AgentResponse(string Id, string Name, string CapacityProfile, IReadOnlyDictionary<string, int> Skills, IReadOnlyList<string> Languages, string? CrmUserId, IReadOnlyList<string> Channels, DateTimeOffset UpdatedAt)
{
    /// <summary>Shown to admins after a change; lists leave it out.</summary>
    public string? Email { get; init; }

    public IReadOnlyList<string>? Supervises { get; init; }

    /// <summary>In the agents board (<c>GET /api/agents</c>): the units their work holds.</summary>
    public AgentCapacityResponse? Capacity { get; init; }

    /// <summary>In the agents board: their work now, offered, taken or in wrap-up.</summary>
    public IReadOnlyList<AgentTaskResponse>? Tasks { get; init; }
}

/// <param name="Total">The units of their capacity profile.</param>
/// <param name="Used">The units their work holds, of all channels.</param>
/// <param name="UsedPerChannel">Channel → units held (channels without work left out).</param>
public sealed record AgentCapacityResponse(int Total, int Used, IReadOnlyDictionary<string, int> UsedPerChannel);

/// <param name="Since">When the router last offered or gave it to the agent (for a call they placed: when it began).</param>
public sealed record AgentTaskResponse(Guid Id, Guid ConversationId, Connector.Core.Channels.Channel Channel, string? Queue, Connector.Core.Routing.RoutingTaskState State, DateTimeOffset Since);

public sealed record CommandResponse(string Result);
