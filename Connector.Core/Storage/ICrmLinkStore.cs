using Connector.Core.Outbox;

namespace Connector.Core.Storage;

/// <summary><c>crm_links (crm, idempotency_key) UNIQUE</c>: what each CRM write produced.</summary>
public interface ICrmLinkStore
{
    Task<CrmLink?> FindAsync(string crm, string idempotencyKey, CancellationToken ct);

    /// <summary>Records the link; when one is already there, returns that one (the first writer wins).</summary>
    Task<CrmLink> RecordAsync(CrmLink link, CancellationToken ct);
}
