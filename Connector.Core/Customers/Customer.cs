namespace Connector.Core.Customers;

/// <summary>One person across every channel, and the CRM records that stand for them.</summary>
public sealed record Customer(
    Guid Id,
    DateTimeOffset CreatedAt,
    IReadOnlyList<CustomerIdentity> Identities,
    IReadOnlyList<CrmRecordRef> CrmRefs)
{
    public CrmRecordRef? CrmRefFor(string crm) => CrmRefs.FirstOrDefault(r => r.Crm == crm);

    /// <summary>The CRM on which the two customers name different records, if any: such customers are never merged.</summary>
    public string? ConflictingCrmWith(IEnumerable<CrmRecordRef> otherRefs) =>
        otherRefs.FirstOrDefault(o => CrmRefFor(o.Crm) is { } mine && mine.RecordId != o.RecordId)?.Crm;
}
