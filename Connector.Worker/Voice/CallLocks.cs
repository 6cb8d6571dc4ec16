using System.Collections.Concurrent;

namespace Connector.Worker.Voice;

/// <summary>
/// One call's events are applied one at a time (callbacks, the agent's controls and the assignment can arrive together).
/// In-process only: with several Workers behind one callback URL, ACS's callbacks for a call should reach one Worker.
/// </summary>
internal sealed class CallLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string callId, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(callId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
