using Connector.Core.Outbox;

namespace Connector.Worker.Outbox;

/// <summary>
/// The work of one outbox kind. It runs at least once per row (a job may be replayed after a crash), so it must be
/// idempotent: every write keyed, every effect looked for before it is made again. Throwing fails the attempt; the
/// kind's job decides when to try again.
/// </summary>
public interface IOutboxHandler
{
    Task HandleAsync(OutboxMessage message, CancellationToken ct);
}
