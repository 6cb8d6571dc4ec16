namespace Connector.Worker.Push.Messages;

/// <summary>The agent has the task (they accepted, or the channel accepts for them).</summary>
public sealed record Assigned(Guid TaskId, Guid ConversationId, string Channel, bool AutoAccepted);
