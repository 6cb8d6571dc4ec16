namespace Connector.Core.Crm;

/// <summary>A file to attach to a CRM record: a transcript (text) or a recording (binary, possibly large, streamed).</summary>
/// <param name="Open">Opens the content; called once per attempt, so a retry reads the file again.</param>
/// <param name="StoredFile">The connector's own copy (relative to its data directory), when it keeps one: what a link to the file names.</param>
public sealed record CrmAttachment(
    string IdempotencyKey,
    CrmRecord Parent,
    CrmAttachmentKind Kind,
    string FileName,
    string ContentType,
    long Length,
    Func<CancellationToken, Task<Stream>> Open,
    string? StoredFile = null);
