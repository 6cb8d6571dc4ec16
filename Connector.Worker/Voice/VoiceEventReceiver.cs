using System.Text.Json.Nodes;
using Connector.Worker.Acs;
using Connector.Worker.Webhooks;
using Hangfire;

namespace Connector.Worker.Voice;

/// <summary>
/// The call events that come through Event Grid (<c>/webhooks/acs/events</c>): IncomingCall is handed to the
/// answerer, RecordingFileStatusUpdated becomes one download job per chunk. Neither calls ACS on the request path.
/// A chunk whose locations are not on <see cref="AcsFileHosts"/> is kept as refused and never fetched: the delivery
/// is still acknowledged (200), because a 4xx would make Event Grid drop the other events of its batch with it, and
/// the refusal is a decision about where we send our signature, not a malformed event.
/// </summary>
internal sealed class VoiceEventReceiver(
    IncomingCallAnswerer answerer, RecordingChunkStore chunks, AcsFileHosts hosts, IBackgroundJobClient jobs, TimeProvider time, ILogger<VoiceEventReceiver> logger)
{
    public const string IncomingCall = "Microsoft.Communication.IncomingCall";
    public const string RecordingFileStatusUpdated = "Microsoft.Communication.RecordingFileStatusUpdated";

    public static bool Handles(string type) => type is IncomingCall or RecordingFileStatusUpdated;

    /// <summary>The whole delivery is checked before any of it is kept, so a malformed call event is refused here.</summary>
    /// <exception cref="WebhookRejectedException">The event lacks what the connector needs.</exception>
    public static ReceivedEvent Checked(ReceivedEvent e)
    {
        if (e.Type == IncomingCall)
        {
            var call = IncomingCallData.Read(e.Data);
            return call?.IncomingCallContext is { Length: > 0 } && call.From?.Id is { Length: > 0 }
                ? e
                : throw new WebhookRejectedException(400, "Event missing a required field", $"Event {e.Id} ({e.Type}) has no data.incomingCallContext or data.from.",
                    call?.IncomingCallContext is { Length: > 0 } ? "data.from" : "data.incomingCallContext");
        }

        var recording = RecordingFileData.Read(e.Data);
        if (recording?.RecordingStorageInfo?.RecordingChunks is not { Count: > 0 } chunks)
        {
            throw new WebhookRejectedException(400, "Event missing a required field", $"Event {e.Id} ({e.Type}) has no data.recordingStorageInfo.recordingChunks.", "data.recordingStorageInfo.recordingChunks");
        }

        return chunks.All(c => c is { DocumentId.Length: > 0, ContentLocation.Length: > 0 })
            ? e
            : throw new WebhookRejectedException(400, "Event missing a required field", $"Event {e.Id}: a recording chunk is null or has no documentId or contentLocation.", "data.recordingStorageInfo.recordingChunks");
    }

    /// <summary>Takes a <see cref="Checked"/> event: rings the answerer, or queues one download per new chunk.</summary>
    public async Task AcceptAsync(ReceivedEvent e, CancellationToken ct)
    {
        if (e.Type == IncomingCall)
        {
            answerer.Ring(IncomingCallData.Read(e.Data)!, e.Time ?? time.GetUtcNow());
            return;
        }

        var recording = RecordingFileData.Read(e.Data)!;
        var (serverCallId, recordingId) = FromSubject(e);
        foreach (var chunk in recording.RecordingStorageInfo!.RecordingChunks!)
        {
            var documentId = chunk.DocumentId!;
            var allowed = IsAllowed(chunk.ContentLocation) && (chunk.DeleteLocation is not { Length: > 0 } delete || IsAllowed(delete));
            var added = await chunks.AddAsync(new RecordingChunk
            {
                DocumentId = documentId,
                RecordingId = recordingId,
                ServerCallId = serverCallId,
                ChunkIndex = chunk.Index ?? 0,
                ContentLocation = chunk.ContentLocation!,
                DeleteLocation = chunk.DeleteLocation,
                ContentType = recording.RecordingContentType,
                RecordedAt = recording.RecordingStartTime,
                DurationMs = recording.RecordingDurationMs,
                State = allowed ? RecordingChunk.Pending : RecordingChunk.Refused,
            }, ct);
            if (added && !allowed)
            {
                logger.LogError(
                    "Recording chunk {DocumentId} names a location outside Acs:FileHosts ({Host}); refused, nothing is fetched from it. If ACS moved its storage, add the host to Acs:FileHosts",
                    documentId, HostOf(chunk.ContentLocation) + (chunk.DeleteLocation is { Length: > 0 } d ? $", {HostOf(d)}" : ""));
            }
            else if (added)
            {
                jobs.Enqueue<RecordingDownloadJob>(job => job.RunAsync(documentId, CancellationToken.None));
                logger.LogInformation("Recording chunk {DocumentId} announced; download queued", documentId);
            }
        }
    }

    private bool IsAllowed(string? location) => Uri.TryCreate(location, UriKind.Absolute, out var uri) && hosts.Allows(uri);

    private static string HostOf(string? location) => Uri.TryCreate(location, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}" : "not an absolute URL";

    /// <summary><c>/recording/call/{call}[/serverCallId/{server call}]/recordingId/{recording}</c>.</summary>
    private static (string? ServerCallId, string? RecordingId) FromSubject(ReceivedEvent e)
    {
        var subject = (JsonNode.Parse(e.Canonical)?["subject"] as JsonValue)?.GetValue<string>() ?? "";
        var parts = subject.Split('/', StringSplitOptions.RemoveEmptyEntries);
        string? After(string name) => Array.IndexOf(parts, name) is var i and >= 0 && i + 1 < parts.Length ? parts[i + 1] : null;
        return (After("serverCallId"), After("recordingId"));
    }
}
