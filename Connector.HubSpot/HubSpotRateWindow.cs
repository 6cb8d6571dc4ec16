namespace Connector.HubSpot;

/// <summary>
/// A rolling budget as HubSpot enforces it: at most <see cref="Budget"/> requests received in any
/// <see cref="Interval"/>. A request's slot counts from when its answer came back (the latest HubSpot can have
/// received it), so a request admitted here can never land in a window the server already counts as full.
/// </summary>
internal sealed class HubSpotRateWindow(int budget, TimeSpan interval, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private readonly List<Slot> _slots = [];
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Budget { get; private set; } = budget;

    public TimeSpan Interval { get; private set; } = interval;

    /// <summary>Waits until one more request fits in the window; the slot is held until <see cref="Slot.Complete"/>.</summary>
    public async Task<Slot> AcquireAsync(CancellationToken ct)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                var now = clock.GetUtcNow();
                _slots.RemoveAll(s => s.AnsweredAt is { } at && at + Interval <= now);
                if (_slots.Count < Budget)
                {
                    var slot = new Slot(this);
                    _slots.Add(slot);
                    return slot;
                }

                var oldest = _slots.Where(s => s.AnsweredAt is not null).Select(s => s.AnsweredAt!.Value).DefaultIfEmpty().Min();
                // Every slot still in flight: the first answer frees the earliest time to wait for.
                wait = oldest == default ? _released.Task : Task.Delay(oldest + Interval - now, clock, ct);
            }

            await wait.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>HubSpot's own figures (<c>X-HubSpot-RateLimit-Max</c>, <c>-Interval-Milliseconds</c>) replace the configured ones.</summary>
    public void Adjust(int? budget, TimeSpan? interval)
    {
        lock (_lock)
        {
            if (budget is > 0)
            {
                Budget = budget.Value;
            }

            if (interval > TimeSpan.Zero)
            {
                Interval = interval.Value;
            }
        }
    }

    private void Answered(Slot slot)
    {
        TaskCompletionSource released;
        lock (_lock)
        {
            slot.AnsweredAt = clock.GetUtcNow();
            released = _released;
            _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        released.TrySetResult();
    }

    internal sealed class Slot(HubSpotRateWindow window)
    {
        public DateTimeOffset? AnsweredAt { get; set; }

        public void Complete() => window.Answered(this);
    }
}
