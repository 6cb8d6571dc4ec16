using Connector.Core.Compliance;
using Connector.Core.Crm;
using Connector.HubSpot.Mapping;
using Microsoft.Extensions.Options;

namespace Connector.HubSpot;

/// <summary>A known ticket is updated by id (PATCH); a new one is upserted on the key property and associated to its contact.</summary>
public sealed class HubSpotCaseWriter(HubSpotClient client, HubSpotUpserts upserts, SensitiveDataRedactor redactor, IOptions<HubSpotOptions> options) : ICrmCaseWriter
{
    public async Task<CrmRecord> UpsertCaseAsync(CrmCase crmCase, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(crmCase);
        var properties = HubSpotTicketMapper.ToProperties(crmCase, options.Value, redactor);
        if (crmCase.Existing is { } existing)
        {
            properties.Remove(options.Value.KeyProperty);
            await client.UpdateAsync(HubSpotObjectTypes.Tickets, existing.RecordId, properties, ct).ConfigureAwait(false);
            return existing;
        }

        var result = (await upserts.UpsertAsync(HubSpotObjectTypes.Tickets, [properties], ct).ConfigureAwait(false))[crmCase.IdempotencyKey];
        var record = result.Record ?? throw result.Failure!;
        await upserts.AssociateAsync([HubSpotAssociations.ToContact(HubSpotObjectTypes.Tickets, record.RecordId, crmCase.Contact.RecordId)], ct).ConfigureAwait(false);
        return record;
    }
}
