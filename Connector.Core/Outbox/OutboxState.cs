namespace Connector.Core.Outbox;

public enum OutboxState
{
    Pending,
    Done,
    /// <summary>Out of attempts; kept with its last error until someone re-runs it.</summary>
    Dead,
}
