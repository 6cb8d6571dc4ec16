using System.Security.Claims;
using Connector.Core.Storage;
using Connector.Worker.Acs;
using Connector.Worker.People;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Chat;

/// <summary>
/// <c>GET /api/agents/{id}/chat-token</c>: the signed-in agent's own ACS chat user, made on first need, with a fresh
/// token, so that the panel reads the customers' threads as that agent. Nobody else gets it, admins included: the
/// token reads every thread the agent joined.
/// </summary>
internal static class AgentChatTokenEndpoints
{
    public static IEndpointRouteBuilder MapAgentChatToken(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/agents/{id}/chat-token", GetAsync)
            .RequireAuthorization(Policies.Agent)
            .WithTags("Web chat")
            .WithSummary("The agent's ACS chat user id, a fresh chat token and the ACS endpoint, for the panel to read threads as that agent.");
        return app;
    }

    private static async Task<Results<Ok<AgentChatTokenResponse>, ProblemHttpResult>> GetAsync(
        string id, ClaimsPrincipal user, IRoutingStore routing, AgentChatIdentities agents, AcsConnection acs, IOptions<AcsOptions> options, CancellationToken ct)
    {
        if (user.FindFirstValue(ConnectorClaims.AgentId) != id)
        {
            return TypedResults.Problem(statusCode: 403, title: "Not your chat token", detail: "An agent gets their own chat token only.");
        }

        if (!acs.IsConfigured)
        {
            return TypedResults.Problem(statusCode: 503, title: "Web chat unavailable", detail: "Acs:ConnectionString is not configured.");
        }

        // Only known agents get an ACS user: an identity is made for good, so a typo must not make one.
        if (await routing.GetAgentAsync(id, ct) is null)
        {
            return TypedResults.Problem(statusCode: 404, title: "Unknown agent", detail: $"No agent has the id '{id}'; create it with PUT /api/agents/{{id}} first.");
        }

        try
        {
            var (userId, token) = await agents.GetWithTokenAsync(id, ct);
            return TypedResults.Ok(new AgentChatTokenResponse(id, userId, token.Token, token.ExpiresOn, acs.Current.Endpoint.ToString(), options.Value.ApiVersions.Chat));
        }
        catch (AcsRequestFailedException ex)
        {
            return TypedResults.Problem(statusCode: 502, title: "ACS refused the agent's chat identity", detail: ex.Message);
        }
    }
}
