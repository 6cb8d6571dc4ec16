namespace Connector.Worker.Voice;

/// <summary>A call control: the agent on the call who asks.</summary>
public sealed record CallControlRequest(string? AgentId);

/// <summary>Blind transfer to another agent, or back to a queue through a charter journey.</summary>
public sealed record CallTransferControlRequest(string? AgentId, string? ToAgentId, string? ToJourney);

/// <param name="Mode"><c>join</c> (default: the supervisor speaks) or <c>listen</c> (muted from the moment they join).</param>
public sealed record CallSupervisorRequest(string? AgentId, string? SupervisorId, string? Mode = null);

/// <summary>Click-to-dial: the agent calls the customer's number (E.164).</summary>
public sealed record DialRequest(string? AgentId, string? To);

/// <summary>How an agent takes calls: the ACS user of their panel, or a phone number (E.164).</summary>
public sealed record AgentLineRequest(string? AcsUserId, string? PhoneNumber);

public sealed record CallResponse(
    string CallConnectionId, string Direction, string Phase, string? Journey, string? AgentId, Guid? TaskId, Guid? ConversationId,
    bool Recording, bool SecureCapture, DateTimeOffset StartedAt, DateTimeOffset? ConnectedAt, DateTimeOffset? EndedAt);

public sealed record DialResponse(string CallConnectionId);
