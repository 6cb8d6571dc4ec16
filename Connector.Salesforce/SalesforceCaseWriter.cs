using Connector.Core.Compliance;
using Connector.Core.Crm;
using Connector.Salesforce.Mapping;

namespace Connector.Salesforce;

/// <summary>A known case is updated by id (PATCH, 204); a new one is upserted on the external-id field.</summary>
public sealed class SalesforceCaseWriter(SalesforceClient client, SensitiveDataRedactor redactor) : ICrmCaseWriter
{
    public async Task<CrmRecord> UpsertCaseAsync(CrmCase crmCase, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(crmCase);
        var body = SalesforceCaseMapper.ToBody(crmCase, redactor);
        if (crmCase.Existing is { } existing)
        {
            await client.UpdateAsync("Case", existing.RecordId, body, ct).ConfigureAwait(false);
            return existing;
        }

        return await client.UpsertAsync("Case", crmCase.IdempotencyKey, body, ct).ConfigureAwait(false);
    }
}
