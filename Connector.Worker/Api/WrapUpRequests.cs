namespace Connector.Worker.Api;

/// <summary><c>POST /api/conversations/{id}/wrap-up</c>: the agent's disposition and notes for the task they finish.</summary>
public sealed record WrapUpRequest(string? AgentId, string? Disposition, string? Notes);

/// <param name="InteractionKey">The idempotency key of the queued CRM sync (<c>{conversationId}:interaction:{taskId}</c>).</param>
/// <param name="Routing">What the router did with the task (<c>wrapped up</c>), or <c>queued</c> when no router answered in time.</param>
public sealed record WrapUpResponse(Guid TaskId, string InteractionKey, string Routing);
