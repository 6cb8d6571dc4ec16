namespace Connector.Salesforce;

/// <summary>Which object a new person becomes when nobody matches (<c>Crm:Salesforce:CreateAs</c>).</summary>
public enum SalesforceCreateAs
{
    Contact,
    Lead,
}
