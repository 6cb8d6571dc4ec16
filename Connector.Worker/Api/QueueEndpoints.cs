using System.Security.Claims;
using Connector.Core.Routing.Policy;
using Connector.Core.Storage;
using Connector.Worker.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.Api;

/// <summary>
/// <c>GET /api/queues</c>: the supervisors' live queues. A supervisor gets the queues they supervise, an admin every
/// queue of the charter; agents are refused (403), as for the agents board and the SLA breaches.
/// </summary>
public static class QueueEndpoints
{
    public static RouteGroupBuilder MapQueues(this RouteGroupBuilder api)
    {
        api.MapGet("/queues", ListAsync).RequireAuthorization(Policies.Supervisor)
            .WithSummary("The caller's queues now: per channel waiting, oldest wait, offered, assigned, SLA target and last hour's attainment, breached waiting; agents online and busy (every queue for admins).");
        return api;
    }

    private static async Task<Ok<List<QueueResponse>>> ListAsync(
        ClaimsPrincipal user, IRoutingStore store, WorkAccess access, RoutingPolicy policy, TimeProvider time, CancellationToken ct)
    {
        var supervised = await access.SupervisedQueuesAsync(user, ct);
        var now = time.GetUtcNow();
        var counts = await store.CountQueueWorkAsync(now - QueueBoard.AttainmentWindow, QueueBoard.LateBefore(policy, now), ct);
        var busy = await store.ListBusyAgentsAsync(ct);
        var agents = await store.ListAgentsAsync(ct);
        // A queue someone supervises that the charter has since dropped has nothing to show.
        var queues = policy.Queues.Keys.Where(q => supervised is null || supervised.Contains(q));
        return TypedResults.Ok(QueueBoard.Build(policy, queues, counts, busy, agents, now));
    }
}
