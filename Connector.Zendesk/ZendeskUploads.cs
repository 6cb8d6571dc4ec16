using Connector.Core.Compliance;
using Connector.Core.Crm;
using Connector.Zendesk.Mapping;
using Microsoft.Extensions.Options;

namespace Connector.Zendesk;

/// <summary>
/// Sends a file to <c>/api/v2/uploads</c> and returns its token. Text is redacted first; binary files are streamed.
/// Zendesk stores at most 50 MB per file: a larger recording is linked instead, by the connector's signed link
/// (<see cref="IRecordingLinkIssuer"/>, when the Worker has links configured), and otherwise refused here, for good,
/// with that reason (it stays in the connector) rather than sent to fail after minutes of upload.
/// </summary>
public sealed class ZendeskUploads(ZendeskClient client, SensitiveDataRedactor redactor, IOptions<ZendeskOptions> options, IRecordingLinkIssuer? links = null)
{
    /// <summary>The file uploaded, or linked when it is a recording over the upload limit and links are configured.</summary>
    internal async Task<ZendeskFile> SendAsync(CrmAttachment attachment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        if (attachment.Kind == CrmAttachmentKind.Recording && attachment.Length > options.Value.MaxUploadBytes && links?.LinkFor(attachment) is { } link)
        {
            return new ZendeskFile(attachment, null, link);
        }

        return new ZendeskFile(attachment, await UploadAsync(attachment, ct).ConfigureAwait(false), null);
    }

    public async Task<string> UploadAsync(CrmAttachment attachment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        var text = await ZendeskFileMapper.RedactedTextAsync(attachment, redactor, ct).ConfigureAwait(false);
        var length = text?.LongLength ?? attachment.Length;
        if (length > options.Value.MaxUploadBytes)
        {
            throw new CrmRequestFailedException(
                ZendeskErrors.Crm, 413, "UploadTooLarge",
                $"upload: {attachment.FileName} is {length} bytes; Zendesk takes files up to {options.Value.MaxUploadBytes} bytes (Crm:Zendesk:MaxUploadBytes)");
        }

        if (text is not null)
        {
            using var buffer = new MemoryStream(text);
            return (await client.UploadAsync(attachment.FileName, attachment.ContentType, buffer, ct).ConfigureAwait(false)).Token;
        }

        var stream = await attachment.Open(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return (await client.UploadAsync(attachment.FileName, attachment.ContentType, stream, ct).ConfigureAwait(false)).Token;
        }
    }
}
