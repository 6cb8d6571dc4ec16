using System.Security.Claims;
using Connector.Worker.Api.Paging;
using Connector.Worker.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.Insight;

/// <summary>
/// The insight aggregates. Supervisors see the interactions of the queues they supervise (and their own), admins all,
/// an agent only their own: the scope is applied by the database before anything is counted.
/// </summary>
internal static class InsightEndpoints
{
    public static RouteGroupBuilder MapInsights(this RouteGroupBuilder api)
    {
        api.MapGet("/insights", AggregateAsync).RequireAuthorization(Policies.Staff).WithTags("Insight").WithSummary(
            "Sentiment and topics of the interactions whose work ended in from/to, grouped by groupBy (channel, queue or agent). Agents see their own; supervisors their queues'; admins all.");
        return api;
    }

    private static async Task<Results<Ok<List<InsightAggregate>>, ValidationProblem>> AggregateAsync(
        string? groupBy, string? from, string? to, ClaimsPrincipal user, InsightStore insights, WorkAccess access, CancellationToken ct)
    {
        var check = new ListQuery();
        var grouping = check.Name<InsightGrouping>("groupBy", groupBy);
        if (string.IsNullOrEmpty(groupBy))
        {
            check.Reject("groupBy", "required: channel, queue or agent.");
        }

        var since = check.Time("from", from);
        var until = check.Time("to", to);
        if (since is { } f && until is { } t && t <= f)
        {
            check.Reject("to", "must be later than from.");
        }

        if (check.Problem is { } problem)
        {
            return problem;
        }

        var rows = await insights.ListEndedAsync(since, until, await access.TaskScopeAsync(user, ct), ct);
        return TypedResults.Ok(InsightAggregate.Of(rows, grouping!.Value).ToList());
    }
}
