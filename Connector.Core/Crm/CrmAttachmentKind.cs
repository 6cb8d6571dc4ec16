namespace Connector.Core.Crm;

public enum CrmAttachmentKind
{
    Transcript,
    Recording,
    Note,
    File,
}
