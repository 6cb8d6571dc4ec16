using Connector.Core.Channels;
using Connector.Core.Compliance;
using Connector.Core.Crm;
using Connector.HubSpot.Mapping;
using Microsoft.Extensions.Options;

namespace Connector.HubSpot;

/// <summary>
/// One activity as its channel's native object, upserted on the key property, then associated to its contact (and
/// its ticket when the case is known). A replay updates the same record and finds the associations in place.
/// </summary>
public sealed class HubSpotActivityWriter(
    HubSpotClient client, HubSpotUpserts upserts, HubSpotCallOutcomes outcomes, SensitiveDataRedactor redactor, IOptions<HubSpotOptions> options) : ICrmActivityWriter
{
    public async Task<CrmRecord> WriteActivityAsync(CrmActivity activity, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var type = HubSpotObjectTypes.Of(activity.Channel);
        var disposition = activity.Channel == Channel.Voice ? await outcomes.IdOfAsync(client, activity.Disposition, ct).ConfigureAwait(false) : null;
        var properties = HubSpotActivityMapper.ToProperties(activity, options.Value.KeyProperty, disposition, [], redactor);
        var result = (await upserts.UpsertAsync(type, [properties], ct).ConfigureAwait(false))[activity.IdempotencyKey];
        var record = result.Record ?? throw result.Failure!;
        var links = new List<HubSpotAssociations.Link> { HubSpotAssociations.ToContact(type, record.RecordId, activity.Contact.RecordId) };
        if (activity.Case is { } ticket)
        {
            links.Add(HubSpotAssociations.ActivityAndTicket(type, record.RecordId, ticket.RecordId));
        }

        await upserts.AssociateAsync(links, ct).ConfigureAwait(false);
        return record;
    }
}
