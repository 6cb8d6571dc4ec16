using Connector.Core.Crm;
using Connector.Worker.Push.Messages;

namespace Connector.Worker.Crm;

/// <summary>
/// CRM records as the agent panel gets them: each with the page that opens it, when the adapter can tell
/// (<see cref="ICrmRecordLinks"/>; an adapter without it gives records without a link).
/// </summary>
internal sealed class CrmRecordUrls(ILogger<CrmRecordUrls> logger, ICrmRecordLinks? links = null)
{
    public async Task<CrmRecordLink> LinkAsync(CrmRecord record, CancellationToken ct) =>
        new(record.RecordType, record.RecordId, await UrlAsync(record, ct));

    public async Task<IReadOnlyList<CrmCandidateLink>> CandidatesAsync(IReadOnlyList<CrmContactCandidate> candidates, CancellationToken ct)
    {
        var linked = new List<CrmCandidateLink>(candidates.Count);
        foreach (var c in candidates)
        {
            linked.Add(new(c.RecordType, c.RecordId, c.Name, c.Email, c.Phone, await UrlAsync(new CrmRecord(c.RecordType, c.RecordId), ct)));
        }

        return linked;
    }

    private async Task<Uri?> UrlAsync(CrmRecord record, CancellationToken ct)
    {
        if (links is null)
        {
            return null;
        }

        try
        {
            return await links.UrlOfAsync(record, ct);
        }
        catch (CrmRequestFailedException ex)
        {
            // The link needs the CRM's session (Salesforce: the instance its token names). Without it the record is
            // still shown, only without its page; the sync that needs the session reports the fault as its own.
            logger.LogWarning("No page for {Crm} {RecordType} {RecordId}: {Error}", ex.Crm, record.RecordType, record.RecordId, ex.Message);
            return null;
        }
    }
}
