namespace Connector.Core.Crm;

/// <summary>
/// Expiring links to the connector's own copy of a file, for a CRM that cannot take the file itself (a recording over
/// its upload limit): the CRM keeps the link, the connector keeps the file. Optional: an adapter without it (or with
/// links not configured) refuses what it cannot upload.
/// </summary>
public interface IRecordingLinkIssuer
{
    /// <returns>The link, or null when the attachment is no stored file of the connector or links are not configured.</returns>
    CrmFileLink? LinkFor(CrmAttachment attachment);
}
