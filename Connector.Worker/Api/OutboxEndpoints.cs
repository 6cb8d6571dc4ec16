using Connector.Core.Outbox;
using Connector.Core.Storage;
using Connector.Worker.Api.Paging;
using Connector.Worker.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.Api;

public static class OutboxEndpoints
{
    /// <summary>Admins only (403 for everyone else): rows name customers and carry the CRM's errors.</summary>
    public static RouteGroupBuilder MapOutbox(this RouteGroupBuilder api)
    {
        api.MapGet("/outbox", ListAsync).RequireAuthorization(Policies.Admin).WithSummary(
            "CRM work rows in the order written, with attempts and the last error; paged (limit, cursor; Link rel=next), filtered by state (pending, done, dead), kind, since/until (written).");
        return api;
    }

    private static async Task<Results<Ok<List<OutboxResponse>>, ValidationProblem>> ListAsync(
        string? state, string? kind, string? since, string? until, string? limit, string? cursor, HttpContext http, IOutboxStore outbox, CancellationToken ct)
    {
        var check = new ListQuery();
        var query = new OutboxListQuery(
            check.Limit(limit),
            check.Name<OutboxState>("state", state),
            check.Text("kind", kind),
            check.Time("since", since),
            check.Time("until", until),
            check.Cursor(cursor, PageCursor.Number));
        check.Ordered(query.Since, query.Until);
        if (check.Problem is { } problem)
        {
            return problem;
        }

        return PagedResults.Ok(http, await outbox.ListPageAsync(query, ct), OutboxResponse.From, r => PageCursor.Encode(r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
