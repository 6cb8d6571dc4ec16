using Connector.Core.Channels;
using Connector.Core.Routing.Engine;
using static Connector.Core.Tests.Routing.RouterHarness;

namespace Connector.Core.Tests.Routing;

/// <summary>Stale time-outs do not pile up while the clock stands still, and the live ones still fire, in order.</summary>
public sealed class TimerQueueTests
{
    [Fact]
    public void Stale_time_outs_are_swept_out_and_the_live_ones_come_due_in_order()
    {
        var live = new HashSet<int>();
        var queue = new TimerQueue(t => live.Contains(t.Version));
        for (var i = 0; i < 100_000; i++)
        {
            if (i % 10 == 0)
            {
                live.Add(i);
            }

            queue.Add(new RouterTimer(RouterTimerKind.StepChange, 0, 0, RouterTimer.None, i), Start.AddSeconds(100_000 - i));
        }

        Assert.InRange(queue.Count, live.Count, (2 * live.Count) + 4_096);
        var due = new List<int>();
        while (queue.TryTakeDue(Start.AddDays(2), out var timer, out var at))
        {
            Assert.Equal(Start.AddSeconds(100_000 - timer.Version), at);
            due.Add(timer.Version);
        }

        Assert.Equal(live.OrderDescending(), due.Where(live.Contains));
    }

    [Fact]
    public void A_router_whose_clock_stands_still_keeps_its_time_outs_near_its_live_work_and_an_offer_still_expires()
    {
        var r = new RouterHarness().Agent("ann", online: [Channel.Chat]).Agent("bob", online: [Channel.Chat]);
        for (var i = 0; i < 30_000; i++)
        {
            var chat = r.Arrive(Channel.Chat);
            Assert.True(r.Engine.Remove(chat, r.Now)); // offered, then gone: its time-outs are stale
        }

        Assert.InRange(r.Engine.PendingTimers, 0, 3 * 4_096);
        var last = r.Arrive(Channel.Chat);
        var first = r.AgentOf(last);
        r.Advance(TimeSpan.FromSeconds(31));

        Assert.Contains(r.Events, e => e is OfferExpired x && x.TaskId == last && x.AgentId == first);
        Assert.NotEqual(first, r.AgentOf(last));
    }
}
