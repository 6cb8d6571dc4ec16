namespace Connector.Core.Routing.Engine;

/// <summary>
/// The router's pending time-outs, soonest first, keyed by UTC ticks. Most go stale before they come due (an offer
/// accepted long before it would time out, a step change for work already offered) and are dropped then: stale
/// entries live at most as long as the longest time-out, and hold no object reference (see <see cref="RouterTimer"/>),
/// so the garbage collector never scans the queue's array. Sweeping them out earlier was measured: checking each
/// one's task cost more per decision than it saved.
/// </summary>
internal sealed class TimerQueue
{
    private readonly PriorityQueue<RouterTimer, long> _queue = new();

    public int Count => _queue.Count;

    /// <summary>When the soonest time-out (live or stale) comes due, if any.</summary>
    public DateTimeOffset? NextDueAt => _queue.TryPeek(out _, out var ticks) ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public void Add(RouterTimer timer, DateTimeOffset at) => _queue.Enqueue(timer, at.UtcTicks);

    /// <summary>The soonest time-out due by <paramref name="now"/>, taken out of the queue.</summary>
    public bool TryTakeDue(DateTimeOffset now, out RouterTimer timer, out DateTimeOffset at)
    {
        if (_queue.TryPeek(out timer, out var ticks) && ticks <= now.UtcTicks)
        {
            _queue.Dequeue();
            at = new DateTimeOffset(ticks, TimeSpan.Zero);
            return true;
        }

        at = default;
        return false;
    }
}
