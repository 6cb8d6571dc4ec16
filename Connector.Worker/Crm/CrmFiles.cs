using Connector.Core;
using Connector.Core.Crm;
using Connector.Core.Outbox;
using Connector.Worker.Storage;

namespace Connector.Worker.Crm;

/// <summary>The connector's stored files (recordings, transcripts) as CRM attachments: checked to stay inside the data directory, opened afresh on each attempt.</summary>
internal sealed class CrmFiles(DataDirectory data, CrmPorts ports)
{
    /// <summary>Whether this CRM takes the file: text attachments everywhere, binary ones only where the adapter says so.</summary>
    public bool Takes(CrmAttachPayload file) =>
        KindOf(file) is not CrmAttachmentKind.Recording || ports.Descriptor.Can(CrmCapabilities.BinaryAttachments);

    public CrmAttachment Attachment(string key, CrmRecord parent, CrmAttachPayload file)
    {
        var path = FullPath(file);
        return new CrmAttachment(key, parent, KindOf(file), file.FileName, file.ContentType, file.Length,
            _ => Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true)), file.Path);
    }

    /// <summary>The file's full path; a path that leaves the data directory, or a file that is not there, can never be attached.</summary>
    public string FullPath(CrmAttachPayload file)
    {
        // DataDirectory.Resolve is the one check of a stored path: relative, and never out of the data directory.
        var full = data.Resolve(file.Path)
            ?? throw new CrmWorkInvalidException($"Attachment path '{file.Path}' is rooted or leaves the data directory.");

        if (!File.Exists(full))
        {
            throw new CrmWorkInvalidException($"Attachment file '{file.Path}' is not in the data directory (deleted by retention?).");
        }

        return full;
    }

    /// <summary>Whether the file can ride in a batch now; one that cannot is left to its own job, which dead-letters it with the reason.</summary>
    public bool Ready(CrmAttachPayload file)
    {
        try
        {
            return Takes(file) && FullPath(file) is not null;
        }
        catch (CrmWorkInvalidException)
        {
            return false;
        }
    }

    public static CrmAttachmentKind KindOf(CrmAttachPayload file) =>
        WireNames.TryParse<CrmAttachmentKind>(file.Kind, out var kind)
            ? kind
            : throw new CrmWorkInvalidException($"Attachment kind '{file.Kind}' is not one of {WireNames.Allowed<CrmAttachmentKind>()}.");
}
