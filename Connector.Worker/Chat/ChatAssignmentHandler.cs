using System.Net;
using Connector.Core.Channels;
using Connector.Core.Customers;
using Connector.Core.Storage;
using Connector.Worker.Acs;

namespace Connector.Worker.Chat;

/// <summary>
/// Chat's part of an assignment: the agent joins the customer's web-chat thread as their own ACS user, added by the
/// connector's service identity. Idempotent: an agent already in the thread is left as is, so a replayed job neither
/// fails nor adds the agent twice.
/// </summary>
internal sealed class ChatAssignmentHandler(
    IConnectorStore store,
    IRoutingStore routing,
    ChatSessionStore sessions,
    ChatServiceIdentity service,
    AgentChatIdentities agents,
    AcsChatClient chat,
    AcsConnection acs,
    ILogger<ChatAssignmentHandler> logger) : ITaskAssignmentHandler
{
    public Channel Channel => Channel.Chat;

    public async Task HandleAsync(TaskAssignment assignment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        if (!acs.IsConfigured)
        {
            throw new InvalidOperationException("Acs:ConnectionString is not configured, so no agent can join a web chat.");
        }

        // Chat tasks carry no thread id (their external ref is for calls): the thread is the customer's latest session.
        var customer = await store.GetCustomerAsync(assignment.CustomerId, ct);
        var visitors = customer?.Identities.Where(i => i.Kind == IdentityKind.Chat).Select(i => i.Value).ToList() ?? [];
        if (await sessions.FindThreadAsync(visitors, ct) is not { } threadId)
        {
            // Chat that did not come through the widget (the inbound-events API, say): there is no thread to join.
            logger.LogWarning("Task {TaskId}: customer {CustomerId} has no web-chat thread; agent {AgentId} joins none",
                assignment.TaskId, assignment.CustomerId, assignment.AgentId);
            return;
        }

        var agentUserId = await agents.GetUserIdAsync(assignment.AgentId, ct);
        var connector = await service.GetAsync(ct);
        var present = await chat.ListParticipantsAsync(connector.Token, threadId, ct);
        if (present.Any(p => p.UserId == agentUserId))
        {
            logger.LogInformation("Task {TaskId}: agent {AgentId} is already in the chat thread", assignment.TaskId, assignment.AgentId);
            return;
        }

        var name = (await routing.GetAgentAsync(assignment.AgentId, ct))?.Name is { Length: > 0 } n ? n : assignment.AgentId;
        var refused = await chat.AddParticipantsAsync(connector.Token, threadId, [new AcsChatParticipant(agentUserId, name)], ct);
        if (refused.FirstOrDefault(r => r.Target == agentUserId) is { } error)
        {
            throw new AcsRequestFailedException(HttpStatusCode.Created, error.Code,
                $"ACS did not add agent {assignment.AgentId} to the chat thread of task {assignment.TaskId}: {error.Code} {error.Message}");
        }

        logger.LogInformation("Task {TaskId}: agent {AgentId} joined the chat thread", assignment.TaskId, assignment.AgentId);
    }
}
