namespace Connector.Core.Routing.Engine;

/// <summary>
/// The router's pending time-outs, soonest first, keyed by UTC ticks. Most go stale before they come due (an offer
/// accepted long before it would time out, a step change for work already offered). Left in, they would pile up
/// for as long as the longest time-out, or for good while the clock stands still (the benchmark), and growing the
/// queue's array was a tenth of a decision's cost there. So once the queue holds more than twice what was left at
/// the last sweep, the ones <paramref name="mayBeLive"/> rules out are swept out: a check of two array entries
/// each (see <see cref="TaskSlots"/>), O(1) amortised per time-out, and the queue stays about the size of the live work.
/// </summary>
/// <param name="mayBeLive">False only for a time-out that can no longer fire; cheap, as it runs over the whole queue.</param>
internal sealed class TimerQueue(Func<RouterTimer, bool> mayBeLive)
{
    private const int MinimumLimit = 4_096;

    private readonly PriorityQueue<RouterTimer, long> _queue = new();
    // Scratch for the sweeps, kept: each would otherwise allocate a list the size of the queue.
    private readonly List<(RouterTimer, long)> _kept = [];
    private int _limit = MinimumLimit;

    public int Count => _queue.Count;

    /// <summary>When the soonest time-out (live or stale) comes due, if any.</summary>
    public DateTimeOffset? NextDueAt => _queue.TryPeek(out _, out var ticks) ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public void Add(RouterTimer timer, DateTimeOffset at)
    {
        if (_queue.Count >= _limit)
        {
            SweepStale();
        }

        _queue.Enqueue(timer, at.UtcTicks);
    }

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

    private void SweepStale()
    {
        foreach (var (timer, ticks) in _queue.UnorderedItems)
        {
            if (mayBeLive(timer))
            {
                _kept.Add((timer, ticks));
            }
        }

        _queue.Clear();
        _queue.EnqueueRange(_kept);
        _limit = Math.Max(MinimumLimit, 2 * _kept.Count);
        _kept.Clear();
    }
}
