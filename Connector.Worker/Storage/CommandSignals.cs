using System.Collections.Concurrent;
using System.Data.Common;
using System.Threading.Channels;

namespace Connector.Worker.Storage;

/// <summary>
/// What a Worker does with command signals, however they reach it: wakes its router and answers its waiting
/// requests. The subclass says how a signal travels to the other Workers, if any.
/// </summary>
internal abstract class CommandSignals : ICommandSignals
{
    // A Worker that is not the router keeps what it hears too (it may become the router), but no more than this:
    // past it, the ids are dropped and the router reads its change feed instead.
    private const int MaxWrittenTasks = 10_000;

    // One pending wake is enough: the router reads every pending command and every signalled task when it wakes, so
    // many signals between two cycles make one cycle.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _waiting = new();
    private readonly Lock _writtenLock = new();
    private HashSet<Guid> _written = [];
    private bool _missed;

    public abstract string? EnqueuedStatement { get; }

    public void EnqueuedCommitted() => OnEnqueued();

    public abstract (string Sql, object Args)? TasksWrittenStatement(IReadOnlyCollection<Guid> taskIds);

    public void TasksCommitted(IReadOnlyCollection<Guid> taskIds) => OnTasksWritten(taskIds);

    public abstract Task TasksWrittenAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken ct);

    public (IReadOnlyCollection<Guid> TaskIds, bool Missed) TakeWrittenTasks()
    {
        lock (_writtenLock)
        {
            var taken = (_written, _missed);
            _written = [];
            _missed = false;
            return taken;
        }
    }

    public abstract (string Sql, object Args)? CompletedStatement(IReadOnlyCollection<long> ids);

    public void CompletedCommitted(IReadOnlyCollection<long> ids) => OnCompleted(ids);

    public async Task WaitForCommandsAsync(TimeSpan max, TimeProvider time, CancellationToken ct)
    {
        using var tick = new CancellationTokenSource(max, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, tick.Token);
        try
        {
            await _wake.Reader.WaitToReadAsync(either.Token);
            _wake.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The tick came first: the router looks anyway (its safety net for a signal lost on the way).
        }
    }

    public async Task<string?> WaitForResultAsync(long id, Func<CancellationToken, Task<string?>> read, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        while (true)
        {
            // Registered before the read, so that a completion between the read and the wait is not missed.
            var signal = _waiting.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            try
            {
                if (await read(ct) is { } result)
                {
                    return result;
                }

                await signal.Task.WaitAsync(either.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                // Out of time: one last look, as the router may have answered as the time ran out.
                return await read(ct);
            }
            finally
            {
                _waiting.TryRemove(KeyValuePair.Create(id, signal));
            }
        }
    }

    /// <summary>Some Worker wrote a command.</summary>
    protected void OnEnqueued() => _wake.Writer.TryWrite(true);

    /// <summary>Some Worker wrote these tasks.</summary>
    protected void OnTasksWritten(IEnumerable<Guid> ids)
    {
        lock (_writtenLock)
        {
            if (!_missed)
            {
                _written.UnionWith(ids);
                if (_written.Count > MaxWrittenTasks)
                {
                    _written = [];
                    _missed = true;
                }
            }
        }

        OnEnqueued();
    }

    /// <summary>The router completed these commands.</summary>
    protected void OnCompleted(IEnumerable<long> ids)
    {
        foreach (var id in ids)
        {
            if (_waiting.TryGetValue(id, out var signal))
            {
                signal.TrySetResult();
            }
        }
    }

    /// <summary>Signals may have been missed (the connection that carries them was lost): everyone looks again.</summary>
    protected void OnSignalsMissed()
    {
        lock (_writtenLock)
        {
            _written = [];
            _missed = true;
        }

        OnEnqueued();
        foreach (var signal in _waiting.Values)
        {
            signal.TrySetResult();
        }
    }
}
