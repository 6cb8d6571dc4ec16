namespace Connector.Worker.Push.Messages;

/// <summary>A task the agent held is no longer theirs: wrapped up, finished, or taken back (<see cref="Reason"/>).</summary>
public sealed record TaskEnded(Guid TaskId, string Reason);
