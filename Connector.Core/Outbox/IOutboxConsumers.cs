namespace Connector.Core.Outbox;

/// <summary>
/// Which outbox kinds this deployment has a handler for. The store writes no row of a kind nothing consumes (no
/// CRM work when no CRM adapter is configured), so the outbox holds only work that will be done.
/// </summary>
public interface IOutboxConsumers
{
    bool Consumes(string kind);
}
