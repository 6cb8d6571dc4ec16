namespace Connector.Core.Crm;

/// <summary>One CRM record that matched a contact search, shown to the agent when several did.</summary>
public sealed record CrmContactCandidate(string RecordType, string RecordId, string? Name, string? Phone, string? Email);
