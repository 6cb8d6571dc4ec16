using System.Security.Claims;
using Connector.Core.Storage;
using Connector.Worker.People;

namespace Connector.Worker.Claims;

/// <summary>
/// <c>POST /api/conversations/{id}/claims/{claimId}/confirm</c>: a person who knows the customer confirms that a
/// claimed phone or email is theirs (they checked it on the call, or against the CRM), and intake links it as a code
/// would. Who: the agent holding the conversation now (<see cref="WorkAccess.HoldsConversationAsync"/>), a supervisor
/// who sees it, an admin; anyone else 403 (an agent who only saw an offer does not vouch for a customer).
/// </summary>
public static class ClaimConfirmationEndpoints
{
    public static IEndpointRouteBuilder MapClaimConfirmation(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/conversations/{id:guid}/claims/{claimId:guid}/confirm", ConfirmAsync)
            .RequireAuthorization(Policies.Staff)
            .WithTags("Conversations")
            .WithSummary("Confirms a claimed phone or email of the conversation's customer, which links it: the agent holding the conversation, a supervisor who sees it, an admin.");
        return app;
    }

    private static async Task<IResult> ConfirmAsync(
        Guid id, Guid claimId, ClaimsPrincipal user, IConnectorStore store, WorkAccess access, IdentityClaimStore claims, ClaimLinker linker, CancellationToken ct)
    {
        if (await store.GetConversationAsync(id, ct) is not { } view)
        {
            return TypedResults.Problem(statusCode: 404, title: "Unknown conversation", detail: $"No conversation has the id {id}.");
        }

        var agentId = user.FindFirstValue(ConnectorClaims.AgentId);
        var may = user.IsInRole(Roles.Admin)
            || (user.IsInRole(Roles.Supervisor) && await access.CanSeeConversationAsync(user, id, ct))
            || (agentId is not null && await access.HoldsConversationAsync(agentId, id, ct));
        if (!may)
        {
            return TypedResults.Problem(statusCode: 403, title: "Not your conversation",
                detail: "Only the agent holding this conversation, a supervisor who sees it, or an admin confirms its customer's claims.");
        }

        if (await claims.GetAsync(claimId, ct) is not { } claim || claim.CustomerId != view.Conversation.CustomerId)
        {
            return TypedResults.Problem(statusCode: 404, title: "Unknown claim", detail: $"claimId: the customer of conversation {id} has no claim {claimId}.",
                extensions: new Dictionary<string, object?> { ["field"] = "claimId" });
        }

        var who = agentId ?? user.Identity?.Name ?? "admin";
        return TypedResults.Ok(ClaimResponse.From(claim.Verified ? claim : await linker.LinkAsync(claim, $"agent:{who}", ct)));
    }
}
