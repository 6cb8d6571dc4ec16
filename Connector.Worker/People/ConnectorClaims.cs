namespace Connector.Worker.People;

/// <summary>
/// The connector's own claims on a signed-in principal, whatever proved who they are (a browser session, a bearer
/// token, an API key). Roles are the standard <see cref="System.Security.Claims.ClaimTypes.Role"/> claims with the
/// values of <see cref="Roles"/>.
/// </summary>
public static class ConnectorClaims
{
    /// <summary>The agent record the principal acts as; absent for admins and keys that are no agent.</summary>
    public const string AgentId = "connector:agent";

    /// <summary>The API key that authenticated the request, so that what a key did can be traced to it.</summary>
    public const string KeyId = "connector:key";
}
