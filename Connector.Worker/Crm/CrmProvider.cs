namespace Connector.Worker.Crm;

/// <summary>The allowed values of <c>Crm:Provider</c>.</summary>
public enum CrmProvider
{
    None,
    Salesforce,
    Dynamics,
    HubSpot,
    Zendesk,
}
