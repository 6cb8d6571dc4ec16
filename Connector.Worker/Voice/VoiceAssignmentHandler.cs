using Connector.Core.Channels;

namespace Connector.Worker.Voice;

/// <summary>On voice, an assignment means: connect the accepting agent to the caller.</summary>
internal sealed class VoiceAssignmentHandler(CallAgentConnector connector, ILogger<VoiceAssignmentHandler> logger) : ITaskAssignmentHandler
{
    public Channel Channel => Channel.Voice;

    public async Task HandleAsync(TaskAssignment assignment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        if (assignment.ExternalRef is not { Length: > 0 } callConnectionId)
        {
            logger.LogWarning("Voice task {TaskId} has no call connection id; nothing to connect", assignment.TaskId);
            return;
        }

        // A call sent back to a queue has a task ref of {call connection id}#{n}.
        await connector.ConnectAsync(callConnectionId.Split('#')[0], assignment.AgentId, ct);
    }
}
