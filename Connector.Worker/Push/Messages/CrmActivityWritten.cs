namespace Connector.Worker.Push.Messages;

/// <summary>The task the agent wrapped up is logged in the CRM as this activity (the panel hands its link to the CRM host).</summary>
public sealed record CrmActivityWritten(Guid ConversationId, Guid TaskId, string Channel, string Crm, string RecordType, string RecordId, Uri? Url);
