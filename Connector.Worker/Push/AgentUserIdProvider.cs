using Connector.Worker.People;
using Microsoft.AspNetCore.SignalR;

namespace Connector.Worker.Push;

/// <summary>SignalR's user of a connection is the agent the principal acts as (none for an admin who is no agent).</summary>
internal sealed class AgentUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection.User.FindFirst(ConnectorClaims.AgentId)?.Value;
}
