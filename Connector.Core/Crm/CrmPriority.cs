namespace Connector.Core.Crm;

/// <summary>How urgent a case is, on the four steps every CRM of this build has (each adapter maps it to its own values).</summary>
public enum CrmPriority
{
    Low,
    Normal,
    High,
    Urgent,
}
