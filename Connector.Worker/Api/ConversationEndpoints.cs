using Connector.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.Api;

public static class ConversationEndpoints
{
    public static RouteGroupBuilder MapConversations(this RouteGroupBuilder api)
    {
        api.MapGet("/conversations/{id:guid}", GetAsync)
            .WithSummary("One conversation across channels: its segments and its whole timeline.");
        return api;
    }

    private static async Task<Results<Ok<ConversationResponse>, ProblemHttpResult>> GetAsync(Guid id, IConnectorStore store, CancellationToken ct)
    {
        var view = await store.GetConversationAsync(id, ct);
        return view is null
            ? TypedResults.Problem(statusCode: 404, title: "Unknown conversation", detail: $"No conversation has the id {id}.")
            : TypedResults.Ok(ConversationResponse.From(view));
    }
}
