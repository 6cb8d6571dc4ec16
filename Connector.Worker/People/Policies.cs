using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Connector.Worker.People;

/// <summary>The authorization policies endpoints name; roles nest (an admin may do what a supervisor may).</summary>
public static class Policies
{
    /// <summary>Anyone signed in with a role: the agent panel's reads, the hub.</summary>
    public const string Staff = "staff";

    /// <summary>Acts as an agent: the principal is linked to an agent record (agents, and supervisors who take work).</summary>
    public const string Agent = "agent";

    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    internal static AuthorizationBuilder AddConnectorPolicies(this AuthorizationBuilder authorization) => authorization
        .AddPolicy(Staff, p => p.RequireAuthenticatedUser().RequireRole(Roles.All))
        .AddPolicy(Agent, p => p.RequireAuthenticatedUser().RequireClaim(ConnectorClaims.AgentId))
        .AddPolicy(Supervisor, p => p.RequireAuthenticatedUser().RequireRole(Roles.Supervisor, Roles.Admin))
        .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));

    /// <summary>Whether the principal holds <paramref name="role"/> or a wider one.</summary>
    public static bool HasRoleOrWider(this ClaimsPrincipal user, string role) => role switch
    {
        Roles.Agent => user.IsInRole(Roles.Agent) || user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin),
        Roles.Supervisor => user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin),
        _ => user.IsInRole(Roles.Admin),
    };
}
