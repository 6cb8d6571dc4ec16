using System.Security.Claims;
using Connector.Worker.People;

namespace Connector.Worker.Audit;

/// <summary>
/// How the audit log names who acted: the agent the person or key acts as (<c>agent:ann</c>), else the key
/// (<c>key:{id}</c>; the bootstrap <c>Api:AdminKey</c> is <c>key:admin</c>), else the signed-in person (<c>person:{name}</c>).
/// </summary>
internal static class AuditActor
{
    public const string Retention = "retention";

    public static string Of(ClaimsPrincipal user) =>
        user.FindFirstValue(ConnectorClaims.AgentId) is { } agent ? $"agent:{agent}"
        : user.FindFirstValue(ConnectorClaims.KeyId) is { } key ? $"key:{key}"
        : user.Identity?.Name is { Length: > 0 } name ? $"person:{name}"
        : "unknown";
}
