using Connector.Core.Crm;
using Connector.Core.Outbox;
using Connector.Core.Storage;
using Connector.Worker.Push.Messages;
using Connector.Worker.Storage;

namespace Connector.Worker.Crm;

/// <summary>
/// The agent's pick among the candidates an ambiguous contact search kept: it becomes the customer's contact exactly as
/// a found one does (the <c>crm_links</c> contact link and the customer's CRM record, which <see cref="CrmContactSync"/>
/// trusts from then on), the candidates end, and the customer's CRM work waiting for a contact goes ahead at once.
/// </summary>
internal sealed class CrmContactChoice(
    CrmAdapterDescriptor adapter,
    IConnectorStore store,
    ICrmLinkStore links,
    SqlCrmSyncStore syncStore,
    CrmRecordUrls urls,
    TimeProvider time,
    ILogger<CrmContactChoice> logger)
{
    public async Task<CrmContactPick> PickAsync(Guid customerId, string recordId, CancellationToken ct)
    {
        var crm = adapter.Crm;
        if (await links.FindAsync(crm, CrmContactSync.KeyFor(customerId), ct) is { } linked)
        {
            // A repeated pick (a retry, a second tab) is answered as the first; another record was linked meanwhile.
            return new(linked.RecordId == recordId ? CrmContactPickOutcome.Picked : CrmContactPickOutcome.LinkedToAnother, new(linked.RecordType, linked.RecordId), 0);
        }

        if ((await store.GetCustomerAsync(customerId, ct))?.CrmRefFor(crm) is { } known && known.RecordId != recordId)
        {
            return new(CrmContactPickOutcome.LinkedToAnother, new("Contact", known.RecordId), 0);
        }

        var candidates = CrmContactSync.ReadCandidates(await syncStore.GetCandidatesAsync(crm, customerId, ct));
        if (candidates.FirstOrDefault(c => c.RecordId == recordId) is not { } chosen)
        {
            return new(CrmContactPickOutcome.NotACandidate, null, candidates.Count);
        }

        var contact = new CrmRecord(chosen.RecordType, chosen.RecordId);
        var screenPop = new CrmContactChanged(customerId, crm, await urls.LinkAsync(contact, ct), []);
        var result = await syncStore.LinkContactAsync(
            new CrmLink(crm, CrmContactSync.KeyFor(customerId), contact.RecordType, contact.RecordId, time.GetUtcNow()), customerId, screenPop, exclusive: true, ct);
        var stored = new CrmRecord(result.Stored.RecordType, result.Stored.RecordId);
        switch (result.Outcome)
        {
            case ContactLinkOutcome.Linked or ContactLinkOutcome.AlreadyThis:
                logger.LogInformation("Customer {CustomerId}: the agent picked CRM {RecordType} {RecordId} among {Count} candidates", customerId, stored.RecordType, stored.RecordId, candidates.Count);
                return new(CrmContactPickOutcome.Picked, stored, candidates.Count);
            case ContactLinkOutcome.RefTaken:
                return new(CrmContactPickOutcome.RecordOfAnotherCustomer, stored, candidates.Count);
            case ContactLinkOutcome.AlreadyAnother:
                return new(CrmContactPickOutcome.LinkedToAnother, stored, candidates.Count);
            default:
                throw new System.Diagnostics.UnreachableException($"An exclusive link answered {result.Outcome}.");
        }
    }
}

/// <param name="Contact">The customer's contact now (picked, or the other record that holds the place).</param>
/// <param name="Candidates">How many candidates there were to pick from.</param>
internal sealed record CrmContactPick(CrmContactPickOutcome Outcome, CrmRecord? Contact, int Candidates);

internal enum CrmContactPickOutcome
{
    /// <summary>The record is the customer's contact (now, or already by the same pick).</summary>
    Picked,

    /// <summary>The record is not one of the kept candidates.</summary>
    NotACandidate,

    /// <summary>The customer is already linked to another record.</summary>
    LinkedToAnother,

    /// <summary>The record is already another customer's CRM record.</summary>
    RecordOfAnotherCustomer,
}
