namespace Connector.Core.Crm;

/// <summary>A record an adapter read or wrote: its CRM object type (<c>Contact</c>, <c>Task</c>, <c>incident</c>…) and id.</summary>
public sealed record CrmRecord(string RecordType, string RecordId);
