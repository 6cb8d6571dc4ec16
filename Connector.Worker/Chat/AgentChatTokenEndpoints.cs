using Connector.Core.Storage;
using Connector.Worker.Acs;
using Connector.Worker.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Chat;

/// <summary>
/// <c>GET /api/agents/{id}/chat-token</c> (admin/agent API): the agent's ACS chat user, made on first need, with a
/// fresh token, so that the panel reads the customers' threads as that agent.
/// </summary>
internal static class AgentChatTokenEndpoints
{
    public static IEndpointRouteBuilder MapAgentChatToken(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/agents/{id}/chat-token", GetAsync)
            .AddEndpointFilter<AdminAccessFilter>()
            .WithTags("Web chat")
            .WithSummary("The agent's ACS chat user id, a fresh chat token and the ACS endpoint, for the panel to read threads as that agent.");
        return app;
    }

    private static async Task<Results<Ok<AgentChatTokenResponse>, ProblemHttpResult>> GetAsync(
        string id, IRoutingStore routing, AgentChatIdentities agents, AcsConnection acs, IOptions<AcsOptions> options, CancellationToken ct)
    {
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
