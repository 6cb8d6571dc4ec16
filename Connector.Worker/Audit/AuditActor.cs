using System.Security.Claims;
using Connector.Worker.People;

namespace Connector.Worker.Audit;

/// <summary>How the audit log names who acted: the person's agent, else the key, else the bootstrap admin key.</summary>
internal static class AuditActor
{
    public const string Retention = "retention";

    public static string Of(ClaimsPrincipal user) =>
        user.FindFirstValue(ConnectorClaims.AgentId) is { } agent ? $"agent:{agent}"
        : user.FindFirstValue(ConnectorClaims.KeyId) is { } key ? $"key:{key}"
        : user.Identity?.Name is { Length: > 0 } name ? $"person:{name}"
        : "admin-key";
}
