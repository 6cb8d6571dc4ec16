using Connector.Core.Crm;

namespace Connector.Salesforce;

/// <summary>A token, then a one-row SOQL query: one API call that touches no record.</summary>
internal sealed class SalesforceHealthProbe(SalesforceClient client) : ICrmHealthProbe
{
    public async Task<string> ProbeAsync(CancellationToken ct)
    {
        await client.QueryAsync("SELECT Id FROM Contact LIMIT 1", ct).ConfigureAwait(false);
        return "token issued; SELECT Id FROM Contact LIMIT 1 answered";
    }
}
