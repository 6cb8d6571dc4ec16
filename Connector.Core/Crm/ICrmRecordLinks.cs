namespace Connector.Core.Crm;

/// <summary>
/// Where a person opens a CRM record in the CRM's own pages: the agent panel's screen-pop and the activity link it
/// hands to the CRM host. Optional: an adapter without it gives the panel records without a link.
/// </summary>
public interface ICrmRecordLinks
{
    /// <returns>The record's page, or null when the adapter cannot tell where it is.</returns>
    Task<Uri?> UrlOfAsync(CrmRecord record, CancellationToken ct);
}
