using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Core.Compliance;
using Connector.Core.Crm;
using Connector.Dynamics.Batch;
using Connector.Dynamics.Mapping;
using Microsoft.Extensions.Options;

namespace Connector.Dynamics;

/// <summary>
/// Transcripts and recordings become notes on their record. Up to <see cref="DynamicsOptions.InlineFileMaxBytes"/>
/// the file goes base64 in one request; above it, in blocks (InitializeAnnotationBlocksUpload, UploadBlock,
/// CommitAnnotationBlocksUpload); above the org's <see cref="DynamicsOptions.MaxUploadBytes"/> the note only says
/// where the recording is kept. A replay of a note that exists writes nothing.
/// </summary>
public sealed class DynamicsAttachmentWriter(DynamicsClient client, SensitiveDataRedactor redactor, IOptions<DynamicsOptions> options) : ICrmAttachmentWriter
{
    private readonly DynamicsTables _tables = new(options.Value);

    public async Task<CrmRecord> AttachAsync(CrmAttachment attachment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        var settings = options.Value;
        var runner = new DynamicsChangeSetRunner(client);
        if (attachment.Length > settings.MaxUploadBytes && !DynamicsAnnotationMapper.IsText(attachment))
        {
            return await WriteAsync(runner, DynamicsAnnotationMapper.LinkOnly(attachment, attachment.Parent, settings, _tables), ct).ConfigureAwait(false);
        }

        var data = await DynamicsAnnotationMapper.ReadAsync(attachment, redactor, ct).ConfigureAwait(false);
        if (data.LongLength <= settings.InlineFileMaxBytes)
        {
            return await WriteAsync(runner, DynamicsAnnotationMapper.Inline(attachment, attachment.Parent, data, _tables), ct).ConfigureAwait(false);
        }

        return await UploadInBlocksAsync(attachment, data, ct).ConfigureAwait(false);
    }

    private static async Task<CrmRecord> WriteAsync(DynamicsChangeSetRunner runner, DynamicsOperation write, CancellationToken ct)
    {
        var outcome = await runner.RunOneAsync(DynamicsChangeSet.Alone(write), ct).ConfigureAwait(false);
        return outcome.IsSuccess ? write.Writes! : throw outcome.Failure!;
    }

    private async Task<CrmRecord> UploadInBlocksAsync(CrmAttachment attachment, byte[] data, CancellationToken ct)
    {
        var id = DynamicsIds.For(attachment.IdempotencyKey);
        var record = new CrmRecord(DynamicsTables.Annotation, id.ToString("D"));
        var exists = await client.SendAsync(DynamicsOperation.Read($"annotations({id:D})?$select=annotationid", "file-check"), ct).ConfigureAwait(false);
        if (exists.Status == 200)
        {
            return record; // uploaded before: the blocks messages would make a second note
        }

        var target = DynamicsAnnotationMapper.Entity(attachment, attachment.Parent, _tables);
        target.Insert(0, "@odata.type", "Microsoft.Dynamics.CRM.annotation");
        target["annotationid"] = id.ToString("D");
        var token = await ActionAsync("InitializeAnnotationBlocksUpload", new JsonObject { ["Target"] = target.DeepClone() }, "FileContinuationToken", ct).ConfigureAwait(false);
        var blocks = new JsonArray();
        var size = options.Value.BlockBytes;
        for (var (offset, n) = (0, 0); offset < data.Length; offset += size, n++)
        {
            // Every block id has the same length, as the service requires.
            var blockId = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"block-{n:D6}"));
            await ActionAsync("UploadBlock", new JsonObject
            {
                ["BlockId"] = blockId,
                ["BlockData"] = Convert.ToBase64String(data, offset, Math.Min(size, data.Length - offset)),
                ["FileContinuationToken"] = token,
            }, null, ct).ConfigureAwait(false);
            blocks.Add(blockId);
        }

        await ActionAsync("CommitAnnotationBlocksUpload", new JsonObject { ["Target"] = target, ["BlockList"] = blocks, ["FileContinuationToken"] = token }, null, ct).ConfigureAwait(false);
        return record;
    }

    private async Task<string?> ActionAsync(string action, JsonObject body, string? answerProperty, CancellationToken ct)
    {
        var operation = new DynamicsOperation(HttpMethod.Post, action, body, DynamicsWriteMode.Action, "file-block");
        var result = await client.SendAsync(operation, ct).ConfigureAwait(false);
        if (!result.Succeeded(operation))
        {
            throw result.Failure(operation);
        }

        if (answerProperty is null)
        {
            return null;
        }

        using var answer = JsonDocument.Parse(result.Body);
        return answer.RootElement.TryGetProperty(answerProperty, out var value) ? value.GetString()
            : throw new Core.Crm.CrmRequestFailedException(DynamicsErrors.Crm, result.Status, null, $"{action}: no {answerProperty} in the answer");
    }
}
