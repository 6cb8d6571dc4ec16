namespace Connector.Core.Customers;

/// <summary>The id of this customer's record in one CRM (e.g. <c>salesforce</c>, <c>003…</c>).</summary>
/// <remarks>A customer holds at most one record per CRM; two records of one CRM mean two people.</remarks>
public sealed record CrmRecordRef(string Crm, string RecordId)
{
    public static CrmRecordRef Create(string crm, string recordId)
    {
        if (string.IsNullOrWhiteSpace(crm) || string.IsNullOrWhiteSpace(recordId))
        {
            throw new InvalidIdentityException("A CRM record reference needs both the CRM and the record id.");
        }

        return new CrmRecordRef(crm.Trim().ToLowerInvariant(), recordId.Trim());
    }
}
