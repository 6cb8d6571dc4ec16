using Connector.Core.Crm;
using Microsoft.Extensions.Options;

namespace Connector.Salesforce;

/// <summary>Lightning record pages: <c>{LightningUrl or instance}/lightning/r/{Object}/{Id}/view</c>.</summary>
public sealed class SalesforceScreenPop(SalesforceTokenCache tokens, IOptions<SalesforceOptions> options) : ICrmScreenPop
{
    public Uri BuildScreenPopUrl(CrmRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var root = options.Value.LightningUrl ?? tokens.InstanceUrl
            ?? throw new InvalidOperationException("The Salesforce instance is not known before the first sign-in; set Crm:Salesforce:LightningUrl.");
        return new Uri(root, $"/lightning/r/{Uri.EscapeDataString(record.RecordType)}/{Uri.EscapeDataString(record.RecordId)}/view");
    }
}
