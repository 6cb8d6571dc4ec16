using System.Security.Claims;
using System.Text;
using Connector.Core.Channels;
using Connector.Core.Storage;
using Connector.Worker.People;
using Connector.Worker.Replies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Connector.Worker.Api;

public static class ConversationEndpoints
{
    public static RouteGroupBuilder MapConversations(this RouteGroupBuilder api)
    {
        api.MapGet("/conversations/{id:guid}", GetAsync)
            .WithSummary("One conversation across channels: its segments and its whole timeline.");
        api.MapPost("/conversations/{id:guid}/messages", SendAsync)
            .WithSummary("The signed-in agent's reply (channel, text, optional templateName) on a conversation they hold: recorded on the timeline, then sent through the channel once, whatever the retries (Idempotency-Key).")
            .Produces<SentReply>(StatusCodes.Status200OK)
            .Produces<SentReply>(StatusCodes.Status202Accepted);
        return api;
    }

    /// <summary>
    /// Only the agent who holds the conversation (their own key or session; an admin key naming them in <c>agentId</c>);
    /// anyone else 403. <c>Idempotency-Key</c> (optional; one is made when absent) scopes a retry to this conversation
    /// and agent: it gets the first answer, and the same key with another body gets 409.
    /// </summary>
    private static async Task<IResult> SendAsync(
        Guid id, AgentReply body, [FromHeader(Name = ReplyKeys.Header)] string? idempotencyKey, ClaimsPrincipal user, WorkAccess access, AgentReplySender sender, CancellationToken ct)
    {
        var (agentId, refusal) = ActingAgent.Of(user, body.AgentId);
        if (agentId is null)
        {
            return refusal!;
        }

        if (idempotencyKey is not null && ReplyKeys.Problem(idempotencyKey) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ReplyKeys.Header] = [problem] }, title: $"Invalid {ReplyKeys.Header}");
        }

        if (!await access.HoldsConversationAsync(agentId, id, ct))
        {
            return TypedResults.Problem(statusCode: 403, title: "Not your conversation", detail: $"Agent {agentId} holds no task of conversation {id}: accept its offer first.");
        }

        try
        {
            var answer = await sender.SendAsync(id, body with { AgentId = agentId }, idempotencyKey, ct);
            return Results.Text(answer.Body, answer.ContentType, Encoding.UTF8, answer.StatusCode);
        }
        catch (ReplyRefusedException ex)
        {
            var extensions = ex.Details is null
                ? null
                : System.Text.Json.JsonSerializer.SerializeToElement(ex.Details, System.Text.Json.JsonSerializerOptions.Web)
                    .EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
            var status = ex.Reason switch
            {
                ReplyRefusal.NotFound => 404,
                ReplyRefusal.Conflict => 409,
                ReplyRefusal.Unavailable => 503,
                _ => 400,
            };
            return TypedResults.Problem(statusCode: status, title: ex.Title, detail: ex.Message, extensions: extensions);
        }
    }

    private static async Task<Results<Ok<ConversationResponse>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, WorkAccess access, IConnectorStore store, Claims.IdentityClaimStore claims, Insight.ConversationInsights insights, CancellationToken ct)
    {
        var view = await store.GetConversationAsync(id, ct);
        if (view is null)
        {
            return TypedResults.Problem(statusCode: 404, title: "Unknown conversation", detail: $"No conversation has the id {id}.");
        }

        return await access.CanSeeConversationAsync(user, id, ct)
            ? TypedResults.Ok(await insights.AddToAsync(ConversationResponse.From(view) with
            {
                Claims = (await claims.ForCustomerAsync(view.Conversation.CustomerId, ct)).Select(Claims.ClaimResponse.From).ToList(),
            }, ct))
            : TypedResults.Problem(statusCode: 403, title: "Not your conversation", detail: "You hold no task of it, nor does it reach a queue you supervise.");
    }
}
