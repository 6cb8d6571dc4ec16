namespace Connector.Core.Outbox;

/// <summary>The payload of a <see cref="OutboxKind.TaskAssigned"/> row: who got the task, and the channel's handle on it.</summary>
/// <param name="Channel">The channel's wire name (<c>voice</c>, <c>chat</c>…).</param>
/// <param name="ExternalRef">The channel's id for the work (the call connection id for voice), if any.</param>
public sealed record TaskAssignedPayload(string AgentId, string Channel, string? ExternalRef);
