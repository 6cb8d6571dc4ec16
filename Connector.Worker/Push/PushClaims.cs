namespace Connector.Worker.Push;

/// <summary>The claims the hub reads (see the People room).</summary>
internal static class PushClaims
{
    public const string AgentId = "connector:agent";
    public const string AdminRole = "admin";
}
