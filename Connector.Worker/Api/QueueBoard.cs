using Connector.Core.Channels;
using Connector.Core.Routing;
using Connector.Core.Routing.Policy;
using Connector.Core.Storage;
using Connector.Worker.People;
using Connector.Worker.Routing;

namespace Connector.Worker.Api;

/// <summary>
/// The supervisors' live figures, worked out from counts the store adds up (per queue, journey and channel: never a
/// read of every task, nor a query per queue) and one read of the agents: what waits now, how old the oldest is, and
/// how much of the last hour's work was answered in time.
/// </summary>
internal static class QueueBoard
{
    /// <summary>Attainment is over the tasks that arrived this long ago at most.</summary>
    public static readonly TimeSpan AttainmentWindow = TimeSpan.FromHours(1);

    /// <summary>Per channel with an answer target: a task waiting since before this is late, breach marked or not.</summary>
    public static Dictionary<Channel, DateTimeOffset> LateBefore(RoutingPolicy policy, DateTimeOffset now) =>
        Enum.GetValues<Channel>().Where(c => policy.For(c).AnswerWithin is not null).ToDictionary(c => c, c => now - policy.For(c).AnswerWithin!.Value);

    public static List<QueueResponse> Build(
        RoutingPolicy policy, IEnumerable<string> queues, IReadOnlyList<QueueWork> counts, IReadOnlySet<string> busy, IReadOnlyList<Agent> agents, DateTimeOffset now)
    {
        // A task the router has not placed yet has no queue in the store: its journey (or channel) says where it is going.
        var byQueue = counts.ToLookup(c => c.Queue ?? WorkItemFactory.QueueOf(c.Journey, c.Channel, policy), StringComparer.Ordinal);
        return queues.Order(StringComparer.Ordinal).Select(queue =>
        {
            var work = byQueue[queue].ToList();
            var online = agents.Where(a => a.Channels.Count > 0 && QueueAgents.Serves(policy, queue, a)).ToList();
            return new QueueResponse(
                queue,
                [.. ChannelsOf(policy, queue, work).Select(channel => Figures(policy.For(channel), work.Where(c => c.Channel == channel).ToList(), now))],
                new QueueAgentsResponse(online.Count, online.Count(a => busy.Contains(a.Id))));
        }).ToList();
    }

    /// <summary>The channels the charter sends to the queue, and any other its tasks came on.</summary>
    private static IEnumerable<Channel> ChannelsOf(RoutingPolicy policy, string queue, List<QueueWork> work)
    {
        var journeys = policy.Journeys.Values.Where(j => j.Queue == queue).ToList();
        var routed = policy.ChannelJourneys.Where(cj => journeys.Any(j => j.Name == cj.Value)).Select(cj => cj.Key);
        return journeys.SelectMany(j => j.PreferredChannels).Concat(routed).Concat(work.Select(c => c.Channel)).Distinct().Order();
    }

    private static QueueChannelResponse Figures(ChannelPolicy channel, List<QueueWork> work, DateTimeOffset now)
    {
        var target = channel.AnswerWithin;
        var oldest = work.Where(c => c.Waiting > 0).Min(c => c.OldestWaitingSince);
        // Settled: answered, or known to be late (breached, waiting past the target, or abandoned after it). Work still
        // inside its target, and customers who left before it, count neither way (the store counts both).
        var settled = work.Sum(c => c.RecentSettled);
        var inTime = work.Sum(c => c.RecentInTime);
        return new QueueChannelResponse(
            channel.Channel,
            work.Sum(c => c.Waiting),
            oldest is { } since ? (long)(now - since).TotalSeconds : null,
            work.Sum(c => c.Offered),
            work.Sum(c => c.Assigned),
            target is { } seconds ? (long)seconds.TotalSeconds : null,
            target is null || settled == 0 ? null : Math.Round((double)inTime / settled, 4),
            work.Sum(c => c.BreachedWaiting));
    }
}
