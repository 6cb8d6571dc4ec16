namespace Connector.Worker.Outbox;

/// <summary>An outbox row of a kind no room of this Worker handles: retrying cannot help.</summary>
public sealed class OutboxKindUnknownException(string kind)
    : Exception($"No handler is registered for outbox kind '{kind}'.")
{
    public string Kind { get; } = kind;
}
