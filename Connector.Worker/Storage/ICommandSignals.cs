namespace Connector.Worker.Storage;

/// <summary>
/// How the store tells the router that an agent's command or new work was written, and the request waiting for a
/// command that the router completed it: in-process in the embedded mode, PostgreSQL LISTEN/NOTIFY between Workers
/// sharing a database. The router's tick stays the safety net for a signal lost with a connection.
/// </summary>
internal interface ICommandSignals
{
    /// <summary>
    /// A command is being written: the statement that tells the routers of the other Workers, for the writing
    /// transaction (or command) to carry, or null when there are no other Workers.
    /// </summary>
    string? EnqueuedStatement { get; }

    /// <summary>A command was written (committed): this Worker's router looks now rather than at its next tick.</summary>
    void EnqueuedCommitted();

    /// <summary>
    /// Tasks are being written in a transaction (intake's new work, a call that ended, a task released): the statement
    /// that tells the other Workers, for that transaction to carry with its writes (NOTIFY is delivered on commit, never
    /// for a rollback), or null when there are no other Workers to tell.
    /// </summary>
    (string Sql, object Args)? TasksWrittenStatement(IReadOnlyCollection<Guid> taskIds);

    /// <summary>The transaction that wrote these tasks committed: this Worker's router reads them now.</summary>
    void TasksCommitted(IReadOnlyCollection<Guid> taskIds);

    /// <summary>Tasks were written outside any transaction of the caller's (already committed).</summary>
    Task TasksWrittenAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken ct);

    /// <summary>
    /// The router is writing these commands' results: the statement that tells the other Workers (whose requests may
    /// wait for them), for the router's transaction to carry, or null when there are no other Workers.
    /// </summary>
    (string Sql, object Args)? CompletedStatement(IReadOnlyCollection<long> ids);

    /// <summary>The transaction that wrote these commands' results committed: this Worker's waiting requests read them now.</summary>
    void CompletedCommitted(IReadOnlyCollection<long> ids);

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
