using Connector.Core.Crm;
using Connector.Dynamics.Batch;

namespace Connector.Dynamics;

/// <summary>A token, then <c>WhoAmI</c>: the Web API's own cheapest call, which also proves the application user exists.</summary>
internal sealed class DynamicsHealthProbe(DynamicsClient client) : ICrmHealthProbe
{
    public async Task<string> ProbeAsync(CancellationToken ct)
    {
        using var answer = await client.GetJsonAsync(DynamicsOperation.Read("WhoAmI", "whoami"), ct).ConfigureAwait(false);
        return answer.RootElement.TryGetProperty("UserId", out var user) ? $"token issued; WhoAmI answered (user {user})" : "token issued; WhoAmI answered";
    }
}
