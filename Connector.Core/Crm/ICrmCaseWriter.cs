namespace Connector.Core.Crm;

/// <summary>Creates, updates or links a case or ticket (<see cref="CrmCapabilities.Cases"/>).</summary>
public interface ICrmCaseWriter
{
    Task<CrmRecord> UpsertCaseAsync(CrmCase crmCase, CancellationToken ct);
}
