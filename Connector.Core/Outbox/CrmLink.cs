namespace Connector.Core.Outbox;

/// <summary>
/// What a CRM write produced, keyed by the domain idempotency key (<c>{conversationId}:{action}</c>): a replayed
/// job finds it here and does not write again.
/// </summary>
public sealed record CrmLink(string Crm, string IdempotencyKey, string RecordType, string RecordId, DateTimeOffset CreatedAt);
