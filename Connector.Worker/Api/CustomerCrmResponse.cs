using Connector.Worker.Push.Messages;

namespace Connector.Worker.Api;

/// <summary>
/// The customer as the configured CRM knows them (<c>GET /api/customers/{id}/crm</c>): the contact the panel
/// screen-pops, or the candidates it shows in its picker, and the cases of the customer's conversations.
/// </summary>
/// <param name="Crm">The configured CRM (<c>salesforce</c>…), null with <c>Crm:Provider=None</c>.</param>
public sealed record CustomerCrmResponse(string? Crm, CrmRecordLink? Contact, IReadOnlyList<CrmCandidateLink> Candidates, IReadOnlyList<CrmCaseLink> Cases);

/// <summary>The CRM case of one of the customer's conversations.</summary>
public sealed record CrmCaseLink(Guid ConversationId, string RecordType, string RecordId, Uri? Url);

/// <summary><c>PUT /api/customers/{id}/crm/contact</c>: the record the agent picked, one of the candidates.</summary>
public sealed record CrmContactPickRequest(string? RecordId);
