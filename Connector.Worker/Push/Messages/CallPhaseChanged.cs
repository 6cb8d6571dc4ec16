namespace Connector.Worker.Push.Messages;

/// <summary>A call the agent holds started, connected or ended (<see cref="Phase"/>, the timeline's event type).</summary>
public sealed record CallPhaseChanged(Guid ConversationId, string? CallConnectionId, string Phase, DateTimeOffset At);
