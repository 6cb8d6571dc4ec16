using Connector.Core;
using Connector.Core.Routing;
using Connector.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.Api;

public static class TaskEndpoints
{
    public static RouteGroupBuilder MapTasks(this RouteGroupBuilder api)
    {
        api.MapGet("/tasks", ListAsync).WithSummary("Routing tasks, optionally of one state (queued, offered, assigned, wrap_up, completed, abandoned).");
        return api;
    }

    private static async Task<Results<Ok<List<TaskResponse>>, ProblemHttpResult>> ListAsync(string? state, IConnectorStore store, CancellationToken ct)
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

        var tasks = await store.ListTasksAsync(wanted, ct);
        return TypedResults.Ok(tasks.Select(TaskResponse.From).ToList());
    }
}
