using System.Security.Claims;
using Connector.Core;
using Connector.Core.Routing;
using Connector.Core.Storage;
using Connector.Worker.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.Api;

public static class TaskEndpoints
{
    public static RouteGroupBuilder MapTasks(this RouteGroupBuilder api)
    {
        api.MapGet("/tasks", ListAsync).WithSummary("Routing tasks, optionally of one state (queued, offered, assigned, wrap_up, completed, abandoned).");
        return api;
    }

    /// <summary>Each caller gets the tasks they may see: an agent theirs, a supervisor their queues', an admin all.</summary>
    private static async Task<Results<Ok<List<TaskResponse>>, ProblemHttpResult>> ListAsync(string? state, ClaimsPrincipal user, WorkAccess access, IConnectorStore store, CancellationToken ct)
    {
        RoutingTaskState? wanted = null;
        if (!string.IsNullOrEmpty(state))
        {
            if (!WireNames.TryParse<RoutingTaskState>(state, out var parsed))
            {
                return TypedResults.Problem(statusCode: 400, title: "Unknown task state", detail: $"'{state}' is not one of {WireNames.Allowed<RoutingTaskState>()}.");
            }

            wanted = parsed;
        }

        var visible = await access.TaskFilterAsync(user, ct);
        return TypedResults.Ok((await store.ListTasksAsync(wanted, ct)).Where(visible).Select(TaskResponse.From).ToList());
    }
}
