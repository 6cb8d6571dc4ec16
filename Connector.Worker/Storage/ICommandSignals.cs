namespace Connector.Worker.Storage;

/// <summary>
/// How the store tells the router that an agent's command was written, and the request waiting for it that the
/// router completed it: in-process in the embedded mode, PostgreSQL LISTEN/NOTIFY between Workers sharing a
/// database. The router's tick stays the safety net for a signal lost with a connection.
/// </summary>
internal interface ICommandSignals
{
    /// <summary>A command was written: the router, on whichever Worker, looks now rather than at its next tick.</summary>
    Task EnqueuedAsync(CancellationToken ct);

    /// <summary>The router wrote these commands' results.</summary>
    Task CompletedAsync(IReadOnlyCollection<long> ids, CancellationToken ct);

    /// <summary>The router's wait between ticks: returns when a command was written anywhere, or after <paramref name="max"/>.</summary>
    Task WaitForCommandsAsync(TimeSpan max, TimeProvider time, CancellationToken ct);

    /// <summary>
    /// The result of command <paramref name="id"/> (read with <paramref name="read"/>) once the router completed it, or
    /// null when it did not within <paramref name="timeout"/>; the store is read only when a signal says it may have changed.
    /// </summary>
    Task<string?> WaitForResultAsync(long id, Func<CancellationToken, Task<string?>> read, TimeSpan timeout, CancellationToken ct);
}
