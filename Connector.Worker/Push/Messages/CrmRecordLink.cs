namespace Connector.Worker.Push.Messages;

/// <summary>A CRM record and, when the adapter can tell, the page that opens it in the CRM (the screen-pop target).</summary>
public sealed record CrmRecordLink(string RecordType, string RecordId, Uri? Url);
