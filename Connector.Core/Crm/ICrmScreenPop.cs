namespace Connector.Core.Crm;

/// <summary>The URL that opens a record in the CRM's own screen, for the agent panel's screen-pop.</summary>
public interface ICrmScreenPop
{
    Uri BuildScreenPopUrl(CrmRecord record);
}
