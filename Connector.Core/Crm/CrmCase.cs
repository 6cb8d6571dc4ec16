using Connector.Core.Channels;

namespace Connector.Core.Crm;

/// <summary>A case (Salesforce Case, Dataverse incident, HubSpot or Zendesk ticket) to create, or update when <paramref name="Existing"/> is known.</summary>
/// <param name="Priority">How urgent, from the charter (the routing task's priority); null keeps the CRM's default.</param>
/// <param name="Origin">The channel the case came in on, when known (Salesforce <c>Origin</c>, Zendesk <c>via</c>…).</param>
public sealed record CrmCase(
    string IdempotencyKey,
    CrmRecord Contact,
    string Subject,
    string? Description,
    string? Status,
    CrmRecord? Existing = null,
    Channel? Origin = null,
    CrmPriority? Priority = null);
