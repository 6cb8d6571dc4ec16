using Connector.Core.Crm;

namespace Connector.HubSpot;

/// <summary>A token, then the call dispositions: a small read the adapter needs anyway, and no record is touched.</summary>
internal sealed class HubSpotHealthProbe(HubSpotClient client) : ICrmHealthProbe
{
    public async Task<string> ProbeAsync(CancellationToken ct)
    {
        var dispositions = await client.CallDispositionsAsync(ct).ConfigureAwait(false);
        return $"token accepted; {dispositions.Count} call dispositions read";
    }
}
