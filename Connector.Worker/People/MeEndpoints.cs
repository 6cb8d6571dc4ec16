using System.Security.Claims;

namespace Connector.Worker.People;

/// <summary><c>GET /api/me</c>: who the caller is to the connector, so the panel knows which agent it works as.</summary>
internal static class MeEndpoints
{
    public static RouteGroupBuilder MapMe(this RouteGroupBuilder api)
    {
        api.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(MeResponse.Of(user)))
            .WithTags("People")
            .WithSummary("The caller: name, roles, the agent they act as, the key they used.");
        return api;
    }
}

public sealed record MeResponse(string? Name, IReadOnlyList<string> Roles, string? AgentId, string? KeyId)
{
    /// <summary>Also the <c>me</c> of the panel's context (<c>GET /api/panel/context</c>), so both say the same.</summary>
    internal static MeResponse Of(ClaimsPrincipal user) => new(
        user.Identity?.Name,
        People.Roles.All.Where(user.IsInRole).ToList(),
        user.FindFirstValue(ConnectorClaims.AgentId),
        user.FindFirstValue(ConnectorClaims.KeyId));
}
