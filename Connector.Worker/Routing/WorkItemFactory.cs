using Connector.Core.Channels;
using Connector.Core.Routing;
using Connector.Core.Routing.Engine;
using Connector.Core.Routing.Policy;

namespace Connector.Worker.Routing;

/// <summary>Turns a stored task into the router's work item: its journey gives the queue, skills, priority and language.</summary>
internal static class WorkItemFactory
{
    public static WorkItem Create(RoutingTask task, RoutingPolicy policy, (string AgentId, DateTimeOffset At)? lastAgent)
    {
        var journey = JourneyOf(task.Journey, task.Channel, policy);
        var queue = QueueOf(journey, policy);
        return new WorkItem(
            task.Id,
            task.Channel,
            queue,
            task.Priority + (journey?.Priority ?? 0),
            journey?.Skills ?? new Dictionary<string, int>(),
            journey?.Language,
            task.CustomerId,
            task.CreatedAt,
            task.CustomerLastMessageAt,
            lastAgent?.AgentId,
            lastAgent?.At,
            DeclinedBy: task.DeclinedBy.Count > 0 ? task.DeclinedBy.ToHashSet(StringComparer.Ordinal) : null,
            Sla: task.SlaBreachedAt is null && task.FirstResponseBreachedAt is null && task.FirstRespondedAt is null
                ? null
                : new SlaProgress(task.SlaBreachedAt is not null, task.FirstResponseBreachedAt is not null, task.FirstRespondedAt is not null));
    }

    /// <summary>The queue work of this journey (or, without one, channel) goes to: what the boards count a task not yet placed in.</summary>
    public static string QueueOf(string? journey, Channel channel, RoutingPolicy policy) => QueueOf(JourneyOf(journey, channel, policy), policy);

    private static Journey? JourneyOf(string? journey, Channel channel, RoutingPolicy policy)
    {
        var journeyName = journey is { } j && policy.Journeys.ContainsKey(j) ? j : policy.ChannelJourneys.GetValueOrDefault(channel);
        return journeyName is not null && policy.Journeys.TryGetValue(journeyName, out var found) ? found : null;
    }

    private static string QueueOf(Journey? journey, RoutingPolicy policy) =>
        journey?.Queue is { } q && policy.Queues.ContainsKey(q) ? q : policy.Queues.Keys.OrderBy(k => policy.Queues[k].Rank).First();
}
