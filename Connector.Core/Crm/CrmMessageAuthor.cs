namespace Connector.Core.Crm;

/// <summary>Who wrote a <see cref="CrmMessage"/>.</summary>
public enum CrmMessageAuthor
{
    Customer,
    Agent,
    Bot,
    System,
}
