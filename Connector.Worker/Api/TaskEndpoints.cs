using System.Security.Claims;
using Connector.Core.Channels;
using Connector.Core.Routing;
using Connector.Core.Storage;
using Connector.Worker.Api.Paging;
using Connector.Worker.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.Api;

public static class TaskEndpoints
{
    public static RouteGroupBuilder MapTasks(this RouteGroupBuilder api)
    {
        api.MapGet("/tasks", ListAsync).WithSummary(
            "Routing tasks in arrival order, paged (limit, cursor; Link rel=next), filtered by state (queued, offered, assigned, wrap_up, completed, abandoned; several allowed), queue, channel, agentId, since/until (arrival).");
        return api;
    }

    /// <summary>
    /// Anyone signed in with a role; each caller gets the tasks they may see, filtered in SQL before paging: an agent
    /// theirs, a supervisor theirs and their queues', an admin all. Others' tasks are simply not listed.
    /// </summary>
    private static async Task<Results<Ok<List<TaskResponse>>, ValidationProblem>> ListAsync(
        string[]? state, string? queue, string? channel, string? agentId, string? since, string? until, string? limit, string? cursor,
        HttpContext http, ClaimsPrincipal user, WorkAccess access, IConnectorStore store, CancellationToken ct)
    {
        var check = new ListQuery();
        var query = new TaskListQuery(
            WorkScope.Everything,
            check.Limit(limit),
            check.Names<RoutingTaskState>("state", state),
            check.Text("queue", queue),
            check.Name<Channel>("channel", channel),
            check.Text("agentId", agentId),
            check.Time("since", since),
            check.Time("until", until),
            check.Cursor(cursor, PageCursor.Id));
        check.Ordered(query.Since, query.Until);
        if (check.Problem is { } problem)
        {
            return problem;
        }

        var page = await store.ListTaskPageAsync(query with { Scope = await access.TaskScopeAsync(user, ct) }, ct);
        return PagedResults.Ok(http, page, TaskResponse.From, t => PageCursor.Encode(t.Id.ToString("N")));
    }
}
