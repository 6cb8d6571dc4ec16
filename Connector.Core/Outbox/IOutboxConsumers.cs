namespace Connector.Core.Outbox;

/// <summary>
/// Which outbox kinds this deployment has a handler for. The store writes no row of a kind nothing consumes (no
/// CRM work when no CRM adapter is configured), so the outbox holds only work that will be done.
/// </summary>
public interface IOutboxConsumers
{
    bool Consumes(string kind);

    /// <summary>
    /// Rows of these kinds were committed. A deployment that runs some kinds at once (an agent's join to the call or
    /// chat they accepted, where both people wait) takes them now rather than at its next poll; by default nothing.
    /// </summary>
    void Committed(IReadOnlyCollection<string> kinds)
    {
    }
}
