using System.Collections.Concurrent;

namespace Connector.Worker.Crm;

/// <summary>The embedded (SQLite) Worker is the only one: a semaphore per customer is enough.</summary>
internal sealed class InProcessCustomerCrmLock : ICustomerCrmLock
{
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _locks = new();

    public async Task<IAsyncDisposable?> TryAcquireAsync(Guid customerId, TimeSpan timeout, CancellationToken ct)
    {
        var semaphore = _locks.GetOrAdd(customerId, _ => new SemaphoreSlim(1, 1));
        return await semaphore.WaitAsync(timeout, ct) ? new Held(semaphore) : null;
    }

    private sealed class Held(SemaphoreSlim semaphore) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            semaphore.Release();
            return ValueTask.CompletedTask;
        }
    }
}
