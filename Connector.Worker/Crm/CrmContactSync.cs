using System.Text.Json;
using Connector.Core.Crm;
using Connector.Core.Outbox;
using Connector.Core.Storage;
using Connector.Worker.Outbox;
using Connector.Worker.Push.Messages;
using Connector.Worker.Storage;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Crm;

/// <summary>
/// Finds or creates the customer's CRM contact, once: the result is kept in <c>crm_links</c> as
/// <c>{customerId}:contact</c> (and as the customer's CRM record), and a link already there is trusted without
/// asking the CRM again. The search and the create run under a per-customer lock, so the many contact.sync rows
/// of one customer (one per inbound event) coalesce into one find-or-create. When several CRM records match, the
/// candidates are kept for the agent to pick and nothing is created. The agents holding the customer's work are told
/// of either (<c>crmContact</c>) in the transaction that stores it.
/// </summary>
internal sealed class CrmContactSync(
    IConnectorStore store,
    ICrmLinkStore links,
    SqlCrmSyncStore syncStore,
    ICustomerCrmLock locks,
    CrmPorts ports,
    CrmRecordUrls urls,
    IOptions<CrmSyncOptions> options,
    TimeProvider time,
    ILogger<CrmContactSync> logger) : IOutboxHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string KeyFor(Guid customerId) => $"{customerId}:contact";

    /// <summary>The candidates as <see cref="SqlCrmSyncStore.SaveCandidatesAsync"/> keeps them (none when nothing is kept).</summary>
    public static IReadOnlyList<CrmContactCandidate> ReadCandidates(string? stored) =>
        stored is null ? [] : JsonSerializer.Deserialize<List<CrmContactCandidate>>(stored, Json) ?? [];

    /// <summary><c>contact.sync</c>: all rows of one customer coalesce into one find-or-create; the rest find the link.</summary>
    public Task HandleAsync(OutboxMessage message, CancellationToken ct) => EnsureAsync(message.CustomerId, createWhenMissing: true, ct);

    /// <returns>The contact, or null when the search was ambiguous (candidates kept) or found nobody and creating was not allowed.</returns>
    public async Task<CrmRecord?> EnsureAsync(Guid customerId, bool createWhenMissing, CancellationToken ct)
    {
        if (await FindLinkedAsync(customerId, ct) is { } linked)
        {
            return linked;
        }

        var settings = options.Value;
        await using var held = await locks.TryAcquireAsync(customerId, settings.CustomerLockTimeout, ct)
            ?? throw new CrmWaitException(time.GetUtcNow() + settings.RetryDelay, $"another job is finding or creating the CRM contact of customer {customerId}");

        // The job that held the lock may have just linked the contact.
        if (await FindLinkedAsync(customerId, ct) is { } linkedMeanwhile)
        {
            return linkedMeanwhile;
        }

        var customer = await store.GetCustomerAsync(customerId, ct)
            ?? throw new InvalidOperationException($"Customer {customerId} is not in the store.");
        if (customer.CrmRefFor(ports.Crm) is { } known)
        {
            // The panel or an earlier sync already named the customer's record: trust it rather than search.
            return await LinkAsync(customerId, new CrmRecord("Contact", known.RecordId), ct);
        }

        var resolution = await ports.Contacts.ResolveAsync(new CrmContactQuery(customerId, null, customer.Identities, createWhenMissing), ct);
        switch (resolution.Kind)
        {
            case CrmContactResolutionKind.Found or CrmContactResolutionKind.Created when resolution.Contact is { } contact:
                logger.LogInformation("Customer {CustomerId}: CRM contact {RecordType} {RecordId} {How}", customerId, contact.RecordType, contact.RecordId,
                    resolution.Kind == CrmContactResolutionKind.Created ? "created" : "found");
                return await LinkAsync(customerId, contact, ct);
            case CrmContactResolutionKind.Ambiguous:
                var picker = new CrmContactChanged(customerId, ports.Crm, null, await urls.CandidatesAsync(resolution.Candidates, ct));
                await syncStore.SaveCandidatesAsync(ports.Crm, customerId, JsonSerializer.Serialize(resolution.Candidates, Json), time.GetUtcNow(), picker, ct);
                logger.LogWarning("Customer {CustomerId} matches {Count} CRM records; nothing created, the agent picks one", customerId, resolution.Candidates.Count);
                return null;
            default:
                logger.LogInformation("Customer {CustomerId} has no CRM contact and none was created", customerId);
                return null;
        }
    }

    private async Task<CrmRecord?> FindLinkedAsync(Guid customerId, CancellationToken ct) =>
        await links.FindAsync(ports.Crm, KeyFor(customerId), ct) is { } link ? new CrmRecord(link.RecordType, link.RecordId) : null;

    private async Task<CrmRecord> LinkAsync(Guid customerId, CrmRecord contact, CancellationToken ct)
    {
        var link = new CrmLink(ports.Crm, KeyFor(customerId), contact.RecordType, contact.RecordId, time.GetUtcNow());
        var screenPop = new CrmContactChanged(customerId, ports.Crm, await urls.LinkAsync(contact, ct), []);
        var linked = await syncStore.LinkContactAsync(link, customerId, screenPop, exclusive: false, ct);
        if (linked.Outcome == ContactLinkOutcome.LinkedWithoutRef)
        {
            logger.LogInformation("Customer {CustomerId}: CRM record {RecordId} was already tied to a customer", customerId, contact.RecordId);
        }

        return new CrmRecord(linked.Stored.RecordType, linked.Stored.RecordId);
    }
}
