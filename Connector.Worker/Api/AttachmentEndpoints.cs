using System.Security.Claims;
using Connector.Core.Conversations;
using Connector.Core.Storage;
using Connector.Worker.Audit;
using Connector.Worker.People;
using Connector.Worker.Storage;
using Microsoft.Net.Http.Headers;

namespace Connector.Worker.Api;

/// <summary>
/// The files on a conversation's timeline (WhatsApp media, email attachments, call recordings and transcripts), for
/// whoever may see the conversation (<see cref="WorkAccess.CanSeeConversationAsync"/>: the agent offered or given its
/// work, the supervisors of its queues, admins); anyone else gets 403. Recordings and transcripts only for whoever
/// handled the call (<see cref="CallRecordingAccess"/>), each play or read audited. Reading the conversation itself is
/// not a transcript read: its timeline shows only that a transcript exists, never its text.
/// </summary>
public static class AttachmentEndpoints
{
    public static RouteGroupBuilder MapAttachments(this RouteGroupBuilder api)
    {
        api.MapGet("/conversations/{id:guid}/attachments/{attachmentId:guid}", GetAsync)
            .WithSummary("One file of a conversation's timeline, as stored (ranges served): whoever may see the conversation.");
        return api;
    }

    private static async Task<IResult> GetAsync(
        Guid id, Guid attachmentId, HttpContext http, ClaimsPrincipal user, WorkAccess access, CallRecordingAccess calls, AuditLog audit, IConnectorStore store, DataDirectory data, ILoggerFactory loggers, CancellationToken ct)
    {
        var view = await store.GetConversationAsync(id, ct);
        if (view is null)
        {
            return TypedResults.Problem(statusCode: 404, title: "Unknown conversation", detail: $"No conversation has the id {id}.");
        }

        if (!await access.CanSeeConversationAsync(user, id, ct))
        {
            return TypedResults.Problem(statusCode: 403, title: "Not your conversation", detail: "You hold no task of it, nor does it reach a queue you supervise.");
        }

        if (view.Attachments.FirstOrDefault(a => a.Id == attachmentId) is not { } attachment)
        {
            return TypedResults.Problem(statusCode: 404, title: "Unknown attachment", detail: $"Conversation {id} has no attachment {attachmentId}.");
        }

        // A call's recording or transcript: only who handled the call, their supervisors and admins; each play or read audited.
        var heard = view.Timeline.FirstOrDefault(e => e.Id == attachment.TimelineEventId)?.Type switch
        {
            TimelineEventType.RecordingAvailable => AuditKinds.RecordingPlayed,
            TimelineEventType.TranscriptAvailable => AuditKinds.TranscriptRead,
            _ => null,
        };
        if (heard is not null && !await calls.MayHearAsync(user, id, ct))
        {
            return TypedResults.Problem(statusCode: 403, title: "Not your call", detail: "Only the agent who handled the call, the supervisors of its queue and admins may play its recording or read its transcript.");
        }

        // The stored path is relative to the data directory; one that would lead out of it names no file we serve.
        var path = data.Resolve(attachment.Path);
        var file = path is null ? null : new FileInfo(path);
        if (file is not { Exists: true })
        {
            loggers.CreateLogger(typeof(AttachmentEndpoints)).LogWarning(
                "Attachment {AttachmentId} of conversation {ConversationId} has no file to serve ({Reason})",
                attachment.Id, id, path is null ? "its path leaves the data directory" : "the file is gone");
            return TypedResults.Problem(statusCode: 404, title: "Attachment file not available", detail: $"The file of attachment {attachmentId} is no longer kept.");
        }

        // A player's later range requests (seeking) are the same play: the first request, or one from byte 0, is audited.
        if (heard is not null && (http.Request.GetTypedHeaders().Range is not { } range || range.Ranges.FirstOrDefault()?.From is null or 0))
        {
            await audit.WriteAsync(AuditActor.Of(user), heard, $"conversation:{id}", new { attachmentId, attachment.FileName }, ct);
        }

        var served = AttachmentHeaders.Apply(http.Response, attachment.FileName, attachment.ContentType);
        return TypedResults.PhysicalFile(file.FullName, served, lastModified: file.LastWriteTimeUtc,
            entityTag: new EntityTagHeaderValue($"\"{attachment.Id:N}-{file.Length}\""), enableRangeProcessing: true);
    }
}
