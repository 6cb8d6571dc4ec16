namespace Connector.Worker.Push.Messages;

/// <summary>One of the CRM records that matched the customer when several did: what the agent's picker shows.</summary>
public sealed record CrmCandidateLink(string RecordType, string RecordId, string? Name, string? Email, string? Phone, Uri? Url);
