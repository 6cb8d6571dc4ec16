using System.Text.Json;
using Connector.Core.Channels;
using Connector.Core.Outbox;
using Connector.Worker.Outbox;

namespace Connector.Worker.Routing;

/// <summary>
/// Does the channel's part of an assignment the router made (written to the outbox with the assignment itself):
/// hands it to the <see cref="ITaskAssignmentHandler"/> of the task's channel. Channels without one (WhatsApp,
/// email: the agent simply replies) need nothing.
/// </summary>
internal sealed class TaskAssignedHandler(
    IEnumerable<ITaskAssignmentHandler> handlers,
    ILogger<TaskAssignedHandler> logger) : IOutboxHandler
{
    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<TaskAssignedPayload>(message.Payload ?? "null", JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"Outbox row {message.Id} carries no assignment.");
        if (!ChannelNames.TryParse(payload.Channel, out var channel))
        {
            throw new InvalidOperationException($"Outbox row {message.Id} names an unknown channel '{payload.Channel}'.");
        }

        var handler = handlers.FirstOrDefault(h => h.Channel == channel);
        if (handler is null)
        {
            logger.LogDebug("Task {TaskId} on {Channel} needs nothing from the channel on assignment", message.SubjectId, payload.Channel);
            return;
        }

        var assignment = new TaskAssignment(message.SubjectId!.Value, message.ConversationId!.Value, message.CustomerId, channel, payload.AgentId, payload.ExternalRef, message.CreatedAt);
        await handler.HandleAsync(assignment, ct);
        logger.LogInformation("Task {TaskId} on {Channel}: the channel's part of the assignment to {AgentId} is done", assignment.TaskId, payload.Channel, assignment.AgentId);
    }
}
