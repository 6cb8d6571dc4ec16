using System.Security.Claims;
using Connector.Core.Channels;
using Connector.Worker.Api.Paging;
using Connector.Worker.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.Qa;

/// <summary>
/// The kept QA evaluations. Supervisors see those of the queues they supervise (and their own), admins all; an agent
/// sees their own only, to learn from them: another's is 403 and never in their list.
/// </summary>
internal static class QaEndpoints
{
    public static RouteGroupBuilder MapQa(this RouteGroupBuilder api)
    {
        api.MapGet("/qa/evaluations", ListAsync).RequireAuthorization(Policies.Staff).WithTags("QA").WithSummary(
            "QA evaluations in the order the work ended, without answers: filter by from/to (when the work ended), agent, channel; paged (limit, cursor; Link rel=next). Agents see their own; supervisors their queues'; admins all.");
        api.MapGet("/qa/evaluations/{id:guid}", GetAsync).RequireAuthorization(Policies.Staff).WithTags("QA").WithSummary(
            "One QA evaluation with every answer, its points, its reason and the turns it cites (timeline event ids).");
        return api;
    }

    private static async Task<Results<Ok<List<QaEvaluationResponse>>, ValidationProblem>> ListAsync(
        string? from, string? to, string? agent, string? channel, string? limit, string? cursor,
        HttpContext http, ClaimsPrincipal user, QaEvaluationStore evaluations, WorkAccess access, CancellationToken ct)
    {
        var check = new ListQuery();
        var query = new QaEvaluationQuery(
            check.Limit(limit), check.Time("from", from), check.Time("to", to), check.Text("agent", agent),
            check.Name<Channel>("channel", channel) is { } c ? c.ToName() : null, check.Cursor(cursor, PageCursor.TimeAndId));
        check.Ordered(query.From, query.To, "from", "to");
        if (check.Problem is { } problem)
        {
            return problem;
        }

        var page = await evaluations.ListAsync(query, await access.TaskScopeAsync(user, ct), ct);
        return PagedResults.Ok(http, page, QaEvaluationResponse.Summary, e => PageCursor.Encode(e.EndedAt, e.Id));
    }

    private static async Task<Results<Ok<QaEvaluationResponse>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, QaEvaluationStore evaluations, WorkAccess access, CancellationToken ct)
    {
        if (await evaluations.GetAsync(id, ct) is not { } evaluation)
        {
            return TypedResults.Problem(statusCode: 404, title: "Unknown evaluation", detail: $"No QA evaluation has the id {id}.");
        }

        var scope = await access.TaskScopeAsync(user, ct);
        var visible = scope.Queues is null || evaluation.AgentId == scope.AgentId || (evaluation.Queue is { } queue && scope.Queues.Contains(queue));
        return visible
            ? TypedResults.Ok(QaEvaluationResponse.Full(evaluation))
            : TypedResults.Problem(statusCode: 403, title: "Not your evaluation", detail: "Agents see their own evaluations; supervisors those of the queues they supervise.");
    }
}
