
namespace Connector.Core.Channels;

/// <summary>The router gave a task to an agent, who accepted it (or had it auto-accepted).</summary>
public sealed record TaskAssignment(Guid TaskId, Guid ConversationId, Guid CustomerId, Channel Channel, string AgentId, string? ExternalRef, DateTimeOffset AssignedAt);
