using Connector.Core.Channels;
using Connector.Core.Routing;
using Connector.Core.Routing.Policy;
using Connector.Worker.People;
using Connector.Worker.Routing;

namespace Connector.Worker.Api;

/// <summary>
/// The supervisors' live figures, worked out from one read of the tasks and one of the agents (never a query per
/// task or per queue): what waits now, how old the oldest is, and how much of the last hour's work was answered in time.
/// </summary>
internal static class QueueBoard
{
    /// <summary>Attainment is over the tasks that arrived this long ago at most.</summary>
    public static readonly TimeSpan AttainmentWindow = TimeSpan.FromHours(1);

    public static List<QueueResponse> Build(
        RoutingPolicy policy, IEnumerable<string> queues, IReadOnlyList<RoutingTask> tasks, IReadOnlyList<Agent> agents, DateTimeOffset now)
    {
        // A task the router has not placed yet has no queue in the store: its journey says where it is going.
        var byQueue = tasks.ToLookup(t => t.Queue ?? WorkItemFactory.Create(t, policy, null).Queue, StringComparer.Ordinal);
        var busy = tasks.Where(t => t.State is RoutingTaskState.Assigned or RoutingTaskState.WrapUp && t.AssignedAgentId is not null)
            .Select(t => t.AssignedAgentId!).ToHashSet(StringComparer.Ordinal);
        return queues.Order(StringComparer.Ordinal).Select(queue =>
        {
            var work = byQueue[queue].ToList();
            var online = agents.Where(a => a.Channels.Count > 0 && QueueAgents.Serves(policy, queue, a)).ToList();
            return new QueueResponse(
                queue,
                [.. ChannelsOf(policy, queue, work).Select(channel => Figures(policy.For(channel), work.Where(t => t.Channel == channel).ToList(), now))],
                new QueueAgentsResponse(online.Count, online.Count(a => busy.Contains(a.Id))));
        }).ToList();
    }

    /// <summary>The channels the charter sends to the queue, and any other its tasks came on.</summary>
    private static IEnumerable<Channel> ChannelsOf(RoutingPolicy policy, string queue, List<RoutingTask> work)
    {
        var journeys = policy.Journeys.Values.Where(j => j.Queue == queue).ToList();
        var routed = policy.ChannelJourneys.Where(cj => journeys.Any(j => j.Name == cj.Value)).Select(cj => cj.Key);
        return journeys.SelectMany(j => j.PreferredChannels).Concat(routed).Concat(work.Select(t => t.Channel)).Distinct().Order();
    }

    private static QueueChannelResponse Figures(ChannelPolicy channel, List<RoutingTask> work, DateTimeOffset now)
    {
        var target = channel.AnswerWithin;
        // Waiting for an agent to take it: still queued, or offered and ringing.
        bool Unanswered(RoutingTask t) => t.State is RoutingTaskState.Queued or RoutingTaskState.Offered;
        bool Answered(RoutingTask t) => t.State is RoutingTaskState.Assigned or RoutingTaskState.WrapUp or RoutingTaskState.Completed;
        // The router marks a breach on its tick; one that waits past the target is late already, whether or not it ran.
        bool Missed(RoutingTask t) => t.SlaBreachedAt is not null || (Unanswered(t) && target is { } within && now - t.CreatedAt > within);

        var waiting = work.Where(Unanswered).ToList();
        var recent = work.Where(t => t.CreatedAt >= now - AttainmentWindow).ToList();
        // Settled: answered, or known to be late (breached, waiting past the target, or abandoned after it). Work still
        // inside its target, and customers who left before it, count neither way.
        var settled = recent.Count(t => Answered(t) || Missed(t));
        var inTime = recent.Count(t => Answered(t) && !Missed(t));
        return new QueueChannelResponse(
            channel.Channel,
            waiting.Count,
            waiting.Count == 0 ? null : (long)(now - waiting.Min(t => t.CreatedAt)).TotalSeconds,
            work.Count(t => t.State is RoutingTaskState.Offered),
            work.Count(t => t.State is RoutingTaskState.Assigned or RoutingTaskState.WrapUp),
            target is { } seconds ? (long)seconds.TotalSeconds : null,
            target is null || settled == 0 ? null : Math.Round((double)inTime / settled, 4),
            waiting.Count(Missed));
    }
}
