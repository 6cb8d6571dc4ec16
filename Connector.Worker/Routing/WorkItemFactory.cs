using Connector.Core.Routing;
using Connector.Core.Routing.Engine;
using Connector.Core.Routing.Policy;

namespace Connector.Worker.Routing;

/// <summary>Turns a stored task into the router's work item: its journey gives the queue, skills, priority and language.</summary>
internal static class WorkItemFactory
{
    public static WorkItem Create(RoutingTask task, RoutingPolicy policy, (string AgentId, DateTimeOffset At)? lastAgent)
    {
        var journeyName = task.Journey is { } j && policy.Journeys.ContainsKey(j)
            ? j
            : policy.ChannelJourneys.GetValueOrDefault(task.Channel);
        var journey = journeyName is not null && policy.Journeys.TryGetValue(journeyName, out var found) ? found : null;
        var queue = journey?.Queue is { } q && policy.Queues.ContainsKey(q) ? q : policy.Queues.Keys.OrderBy(k => policy.Queues[k].Rank).First();
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
}
