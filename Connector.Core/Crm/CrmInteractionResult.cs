namespace Connector.Core.Crm;

/// <summary>What logging an interaction wrote, by idempotency key, so each is kept in <c>crm_links</c>.</summary>
public sealed record CrmInteractionResult(IReadOnlyDictionary<string, CrmRecord> Written);
