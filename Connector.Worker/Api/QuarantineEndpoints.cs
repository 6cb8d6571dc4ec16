using Connector.Core.Storage;
using Connector.Worker.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.Api;

/// <summary>
/// Tasks the router quarantined because deciding them kept failing (<c>quarantined</c> on <c>/api/tasks</c>). Only an
/// admin releases one, after looking at why: a release routes it again, and if the cause is still there it fails
/// and is quarantined again. Supervisors and agents get 403.
/// </summary>
public static class QuarantineEndpoints
{
    public static RouteGroupBuilder MapTaskQuarantine(this RouteGroupBuilder api)
    {
        api.MapDelete("/tasks/{taskId:guid}/quarantine", ReleaseAsync).RequireAuthorization(Policies.Admin)
            .WithSummary("Releases a quarantined task (admin): the router takes it in again.");
        return api;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReleaseAsync(Guid taskId, IRoutingStore store, TimeProvider time, ILoggerFactory logs, CancellationToken ct)
    {
        if (await store.FindTaskAsync(taskId, ct) is not { } task)
        {
            return TypedResults.Problem(statusCode: 404, title: "Unknown task", detail: $"No task has the id {taskId}.");
        }

        if (task.QuarantinedAt is null || !await store.ReleaseQuarantineAsync(taskId, time.GetUtcNow(), ct))
        {
            return TypedResults.Problem(statusCode: 409, title: "Task not quarantined", detail: $"Task {taskId} is not quarantined.");
        }

        logs.CreateLogger(typeof(QuarantineEndpoints).FullName!).LogInformation("Task {TaskId} released from quarantine; the router takes it in again", taskId);
        return TypedResults.NoContent();
    }
}
