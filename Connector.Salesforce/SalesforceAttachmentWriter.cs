using Connector.Core.Compliance;
using Connector.Core.Crm;
using Connector.Salesforce.Mapping;
using Microsoft.Extensions.Options;

namespace Connector.Salesforce;

/// <summary>
/// Transcripts and recordings become ContentVersions published to their record. Small files go base64 in JSON;
/// larger ones as multipart, streamed (JSON is limited to 37.5 MB of base64, multipart to 2 GB). The external-id
/// field is Unique, so a replayed upload answers DUPLICATE_VALUE naming the file written before.
/// </summary>
public sealed class SalesforceAttachmentWriter(SalesforceClient client, SensitiveDataRedactor redactor, IOptions<SalesforceOptions> options) : ICrmAttachmentWriter
{
    public async Task<CrmRecord> AttachAsync(CrmAttachment attachment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        var settings = options.Value;
        var entity = SalesforceFileMapper.Entity(attachment, attachment.Parent.RecordId, settings.ExternalIdField);
        if (attachment.Length <= settings.InlineFileMaxBytes || SalesforceFileMapper.IsText(attachment))
        {
            var data = await SalesforceFileMapper.ReadAsync(attachment, redactor, ct).ConfigureAwait(false);
            if (data.LongLength <= settings.InlineFileMaxBytes)
            {
                return await client.CreateOnceAsync("ContentVersion", SalesforceFileMapper.WithData(entity, data), ct).ConfigureAwait(false);
            }

            using var text = new MemoryStream(data);
            return await client.CreateContentVersionMultipartAsync(entity, text, attachment.FileName, attachment.ContentType, ct).ConfigureAwait(false);
        }

        var stream = await attachment.Open(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await client.CreateContentVersionMultipartAsync(entity, stream, attachment.FileName, attachment.ContentType, ct).ConfigureAwait(false);
        }
    }
}
