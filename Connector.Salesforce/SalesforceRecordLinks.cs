using Connector.Core.Crm;

namespace Connector.Salesforce;

/// <summary>
/// A record's Lightning page, <c>{instance}/lightning/r/{type}/{id}/view</c>, on the instance the session's token
/// response named (<c>instance_url</c>): the org's own domain, which Salesforce sends on to its Lightning domain.
/// </summary>
public sealed class SalesforceRecordLinks(SalesforceTokenCache tokens) : ICrmRecordLinks
{
    public async Task<Uri?> UrlOfAsync(CrmRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        var session = await tokens.GetAsync(ct).ConfigureAwait(false);
        return new Uri(session.InstanceUrl, $"/lightning/r/{Uri.EscapeDataString(record.RecordType)}/{Uri.EscapeDataString(record.RecordId)}/view");
    }
}
