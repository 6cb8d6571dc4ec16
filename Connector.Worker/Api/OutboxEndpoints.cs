using Connector.Core;
using Connector.Core.Outbox;
using Connector.Core.Storage;
using Connector.Worker.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.Api;

public static class OutboxEndpoints
{
    public static RouteGroupBuilder MapOutbox(this RouteGroupBuilder api)
    {
        api.MapGet("/outbox", ListAsync).RequireAuthorization(Policies.Admin).WithSummary("CRM work rows, optionally of one state (pending, done, dead), with attempts and the last error.");
        return api;
    }

    private static async Task<Results<Ok<List<OutboxResponse>>, ProblemHttpResult>> ListAsync(string? state, IOutboxStore outbox, CancellationToken ct)
    {
        OutboxState? wanted = null;
        if (!string.IsNullOrEmpty(state))
        {
            if (!WireNames.TryParse<OutboxState>(state, out var parsed))
            {
                return TypedResults.Problem(statusCode: 400, title: "Unknown outbox state", detail: $"'{state}' is not one of {WireNames.Allowed<OutboxState>()}.");
            }

            wanted = parsed;
        }

        var rows = await outbox.ListAsync(wanted, ct);
        return TypedResults.Ok(rows.Select(OutboxResponse.From).ToList());
    }
}
