using System.Data.Common;

namespace Connector.Worker.Storage;

/// <summary>
/// How the store tells the router that an agent's command or new work was written, and the request waiting for a
/// command that the router completed it: in-process in the embedded mode, PostgreSQL LISTEN/NOTIFY between Workers
/// sharing a database. The router's tick stays the safety net for a signal lost with a connection.
/// </summary>
internal interface ICommandSignals
{
    /// <summary>A command was written: the router, on whichever Worker, looks now rather than at its next tick.</summary>
    Task EnqueuedAsync(CancellationToken ct);

    /// <summary>
    /// Tasks were written in <paramref name="tx"/> (intake's new work, a call that ended, a task released): the router
    /// is to read these rows. Returns what to do once the transaction has committed; across Workers the signal is
    /// part of the transaction itself (NOTIFY is delivered on commit, never for a rollback).
    /// </summary>
    Task<Func<Task>> TasksWrittenAsync(DbConnection connection, DbTransaction tx, IReadOnlyCollection<Guid> taskIds, CancellationToken ct);

    /// <summary>Tasks were written outside any transaction of the caller's (already committed).</summary>
    Task TasksWrittenAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken ct);

    /// <summary>The router wrote these commands' results.</summary>
    Task CompletedAsync(IReadOnlyCollection<long> ids, CancellationToken ct);

    /// <summary>The router's wait between cycles: returns when a command or task was written anywhere, or after <paramref name="max"/>.</summary>
    Task WaitForCommandsAsync(TimeSpan max, TimeProvider time, CancellationToken ct);

    /// <summary>
    /// The tasks signalled since the last call, for the router to read by id; <c>Missed</c> when signals may have been
    /// lost (or too many came to keep), so the router reads its change feed instead.
    /// </summary>
    (IReadOnlyCollection<Guid> TaskIds, bool Missed) TakeWrittenTasks();

    /// <summary>
    /// The result of command <paramref name="id"/> (read with <paramref name="read"/>) once the router completed it, or
    /// null when it did not within <paramref name="timeout"/>; the store is read only when a signal says it may have changed.
    /// </summary>
    Task<string?> WaitForResultAsync(long id, Func<CancellationToken, Task<string?>> read, TimeSpan timeout, CancellationToken ct);
}
