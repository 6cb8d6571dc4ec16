using System.Security.Claims;

namespace Connector.Worker.People;

/// <summary>
/// The agent a request acts as is the signed-in person's (or the key's), never one the body names: an
/// <c>agentId</c> still sent by older callers must name that same agent.
/// </summary>
public static class ActingAgent
{
    /// <summary>The acting agent, or the refusal to answer with (403 problem+json).</summary>
    public static (string? AgentId, IResult? Refusal) Of(ClaimsPrincipal user, string? claimedAgentId = null)
    {
        if (user.FindFirstValue(ConnectorClaims.AgentId) is not { } agentId)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not an agent",
                detail: "This action is an agent's: sign in as one, or use a key issued for an agent."));
        }

        if (!string.IsNullOrWhiteSpace(claimedAgentId) && claimedAgentId != agentId)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Another agent's action",
                detail: $"agentId: you act as '{agentId}', not as '{claimedAgentId}'.",
                extensions: new Dictionary<string, object?> { ["field"] = "agentId" }));
        }

        return (agentId, null);
    }
}
