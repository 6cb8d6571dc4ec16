using System.Security.Claims;
using Connector.Core.Storage;
using Connector.Worker.Audit;
using Connector.Worker.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.Retention;

/// <summary>
/// Legal holds on a customer or a conversation, admins only (others 403): while one stands, retention purges nothing
/// of theirs. Setting and lifting are audited with who did it.
/// </summary>
internal static class LegalHoldEndpoints
{
    public const int MaxReasonLength = 1000;

    public static RouteGroupBuilder MapLegalHolds(this RouteGroupBuilder api)
    {
        var holds = api.MapGroup("").RequireAuthorization(Policies.Admin).WithTags("Retention");
        holds.MapPut("/customers/{id:guid}/legal-hold", (Guid id, LegalHoldRequest? body, ClaimsPrincipal user, IConnectorStore store, LegalHoldStore legal, TimeProvider time, CancellationToken ct) =>
            SetAsync(LegalHold.Customer, id, body, user, async () => await store.GetCustomerAsync(id, ct) is not null, legal, time, ct))
            .WithSummary("Puts the customer's data on legal hold (reason required): retention purges none of it until the hold is lifted.");
        holds.MapDelete("/customers/{id:guid}/legal-hold", (Guid id, ClaimsPrincipal user, LegalHoldStore legal, CancellationToken ct) =>
            RemoveAsync(LegalHold.Customer, id, user, legal, ct)).WithSummary("Lifts the customer's legal hold.");
        holds.MapPut("/conversations/{id:guid}/legal-hold", (Guid id, LegalHoldRequest? body, ClaimsPrincipal user, IConnectorStore store, LegalHoldStore legal, TimeProvider time, CancellationToken ct) =>
            SetAsync(LegalHold.Conversation, id, body, user, async () => await store.GetConversationAsync(id, ct) is not null, legal, time, ct))
            .WithSummary("Puts the conversation on legal hold (reason required): retention purges none of it until the hold is lifted.");
        holds.MapDelete("/conversations/{id:guid}/legal-hold", (Guid id, ClaimsPrincipal user, LegalHoldStore legal, CancellationToken ct) =>
            RemoveAsync(LegalHold.Conversation, id, user, legal, ct)).WithSummary("Lifts the conversation's legal hold.");
        return api;
    }

    private static async Task<Results<Ok<LegalHold>, ValidationProblem, ProblemHttpResult>> SetAsync(
        string kind, Guid id, LegalHoldRequest? body, ClaimsPrincipal user, Func<Task<bool>> exists, LegalHoldStore legal, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body?.Reason) || body.Reason.Length > MaxReasonLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["reason"] = [$"reason is required, at most {MaxReasonLength} characters: say why the data must be kept (a case, a request)."],
            }, title: "Invalid reason");
        }

        if (!await exists())
        {
            return TypedResults.Problem(statusCode: 404, title: $"Unknown {kind}", detail: $"No {kind} has the id {id}.");
        }

        return TypedResults.Ok(await legal.SetAsync(new LegalHold(kind, id, body.Reason.Trim(), AuditActor.Of(user), time.GetUtcNow()), ct));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(string kind, Guid id, ClaimsPrincipal user, LegalHoldStore legal, CancellationToken ct) =>
        await legal.RemoveAsync(kind, id, AuditActor.Of(user), ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: 404, title: "No legal hold", detail: $"The {kind} {id} is not on legal hold.");
}
