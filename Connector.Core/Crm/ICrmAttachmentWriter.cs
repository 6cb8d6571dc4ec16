namespace Connector.Core.Crm;

/// <summary>Attaches a transcript, recording or note to a CRM record.</summary>
public interface ICrmAttachmentWriter
{
    Task<CrmRecord> AttachAsync(CrmAttachment attachment, CancellationToken ct);
}
