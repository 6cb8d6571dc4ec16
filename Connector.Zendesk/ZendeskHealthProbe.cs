using System.Text.Json;
using Connector.Core.Crm;

namespace Connector.Zendesk;

/// <summary>One user search by an external id no one has: authenticated, cheap, and it touches no record.</summary>
internal sealed class ZendeskHealthProbe(ZendeskClient client) : ICrmHealthProbe
{
    public async Task<string> ProbeAsync(CancellationToken ct)
    {
        await client.GetAsync<JsonElement>(ZendeskUris.UserByExternalId("connector-doctor-probe"), "doctor", ct).ConfigureAwait(false);
        return "credentials accepted; a user search answered";
    }
}
