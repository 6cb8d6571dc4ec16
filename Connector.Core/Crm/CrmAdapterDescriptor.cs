namespace Connector.Core.Crm;

/// <summary>Which CRM is configured (its name in <c>crm_links</c>, e.g. <c>salesforce</c>) and what its adapter can do.</summary>
public sealed record CrmAdapterDescriptor(string Crm, CrmCapabilities Capabilities)
{
    public bool Can(CrmCapabilities capability) => (Capabilities & capability) == capability;
}
