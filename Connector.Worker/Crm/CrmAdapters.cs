using Connector.Dynamics;
using Connector.HubSpot;
using Connector.Salesforce;
using Connector.Zendesk;

namespace Connector.Worker.Crm;

/// <summary>
/// The CRM adapters this build carries, by the name <c>Crm:Provider</c> selects them with. An adapter registers itself
/// from its own project; adding one is one line here (docs/crm-adapters.md).
/// </summary>
public static class CrmAdapters
{
    public static CrmAdapterRegistry InThisBuild => new CrmAdapterRegistry()
        .Add("Salesforce", SalesforceServiceCollectionExtensions.AddSalesforceAdapter)
        .Add("Dynamics", DynamicsServiceCollectionExtensions.AddDynamicsAdapter)
        .Add("HubSpot", HubSpotServiceCollectionExtensions.AddHubSpotAdapter)
        .Add("Zendesk", ZendeskServiceCollectionExtensions.AddZendeskAdapter);
}
