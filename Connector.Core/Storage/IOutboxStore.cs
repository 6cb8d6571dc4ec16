using Connector.Core.Outbox;

namespace Connector.Core.Storage;

/// <summary>The record of CRM work still to do, and who is doing it.</summary>
public interface IOutboxStore
{
    /// <summary>
    /// Leases up to <paramref name="max"/> due rows for <paramref name="lease"/>: no one else claims them until the
    /// lease runs out, so a dispatcher that dies with work in hand only delays it.
    /// </summary>
    Task<IReadOnlyList<ClaimedOutboxRow>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct);

    /// <summary>Counts an attempt and returns the row, or null when it is already done (a replayed job).</summary>
    Task<OutboxMessage?> StartAttemptAsync(long id, DateTimeOffset now, TimeSpan lease, CancellationToken ct);

    Task CompleteAsync(long id, DateTimeOffset now, CancellationToken ct);

    /// <summary>Keeps the error; the row is leased (to its retrying job) until <paramref name="retryAt"/>, or dead when there is none.</summary>
    Task FailAsync(long id, string failure, DateTimeOffset? retryAt, CancellationToken ct);

    /// <summary>
    /// Forgets every lease. Only for a Worker whose job storage does not survive a restart: after one, no job
    /// can still hold a lease, and waiting for them to run out would only delay the work.
    /// </summary>
    Task<int> ReleaseLeasesAsync(CancellationToken ct);

    Task<OutboxMessage?> GetAsync(long id, CancellationToken ct);

    Task<IReadOnlyList<OutboxMessage>> ListAsync(OutboxState? state, CancellationToken ct);

    /// <summary>One page of rows: what the outbox API reads.</summary>
    Task<Page<OutboxMessage>> ListPageAsync(OutboxListQuery query, CancellationToken ct);
}
