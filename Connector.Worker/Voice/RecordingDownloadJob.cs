using System.Globalization;
using Connector.Core.Conversations;
using Connector.Core.Intake;
using Connector.Core.Routing.Policy;
using Connector.Worker.Acs;
using Connector.Worker.Storage;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Voice;

/// <summary>
/// Downloads one recording chunk from ACS (signed as in AcsCallRecordingClient, only from <see cref="AcsFileHosts"/>),
/// stopping at <c>Voice:MaxRecordingBytes</c>, keeps it under the recording directory and attaches it to the call's
/// timeline, which queues it for the CRM. The partial file is removed on any failure, cancellation included. A refused
/// chunk (foreign host, over the limit) is marked refused and not retried: trying again would fetch the same thing.
/// A replay finds the chunk stored and does nothing; a crash between download and attach downloads again and
/// attaches once (the timeline entry's id is the chunk's).
/// </summary>
internal sealed class RecordingDownloadJob(
    RecordingChunkStore chunks,
    VoiceCallStore calls,
    AcsCallRecordingClient recordings,
    CallTimeline timeline,
    RoutingPolicy routing,
    DataDirectory data,
    IOptions<VoiceOptions> options,
    TimeProvider time,
    ILogger<RecordingDownloadJob> logger)
{
    [AutomaticRetry(Attempts = 8, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("Recording download of chunk {0}")]
    public async Task RunAsync(string documentId, CancellationToken ct)
    {
        var chunk = await chunks.GetAsync(documentId, ct) ?? throw new InvalidOperationException($"No recording chunk {documentId}.");
        if (chunk.State != RecordingChunk.Pending)
        {
            return;
        }

        var call = (chunk.RecordingId is { } recordingId ? await calls.FindByRecordingAsync(recordingId, ct) : null)
            ?? (chunk.ServerCallId is { } serverCallId ? await calls.FindByServerCallAsync(serverCallId, ct) : null)
            ?? throw new InvalidOperationException($"Recording chunk {documentId} belongs to no call the connector knows (recording {chunk.RecordingId}).");

        var now = time.GetUtcNow();
        var root = Path.Combine(data.Path, options.Value.RecordingDirectory);
        var folder = Path.Combine(now.ToString("yyyy", CultureInfo.InvariantCulture), now.ToString("MM", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(Path.Combine(root, folder));
        var extension = options.Value.RecordingFormat;
        var final = Path.Combine(root, folder, $"{SafeName(documentId)}.{extension}");
        var temporary = final + $".{Guid.NewGuid():N}.part";
        long size;
        try
        {
            await using (var file = File.Create(temporary))
            {
                var announced = await recordings.DownloadAsync(new Uri(chunk.ContentLocation), file, options.Value.MaxRecordingBytes, ct);
                size = file.Length;
                if (size == 0 || (announced is { } length && length != size))
                {
                    throw new InvalidDataException($"Recording chunk {documentId}: received {size} bytes, ACS announced {announced?.ToString(CultureInfo.InvariantCulture) ?? "no length"}.");
                }
            }

            File.Move(temporary, final, overwrite: true);
        }
        catch (AcsDownloadRefusedException ex)
        {
            await chunks.MarkRefusedAsync(documentId, CancellationToken.None);
            logger.LogError("Recording chunk {DocumentId} of call {CallId} refused (Voice:MaxRecordingBytes {Limit}): {Reason}", documentId, call.Id, options.Value.MaxRecordingBytes, ex.Message);
            return;
        }
        finally
        {
            File.Delete(temporary);
        }

        var relative = Path.GetRelativePath(data.Path, final);
        var duration = chunk.DurationMs is { } ms ? $", {CallTimeline.Duration(TimeSpan.FromMilliseconds(ms))}" : "";
        await timeline.AttachedAsync(call, $"recording:{documentId}", "recording", TimelineEventType.RecordingAvailable, chunk.RecordedAt ?? now,
            $"Call recording (part {chunk.ChunkIndex + 1}{duration}).",
            new InboundAttachment($"recording-{call.Id}-{chunk.ChunkIndex}.{extension}", extension == "wav" ? "audio/wav" : "audio/mpeg", size, relative), ct);
        await chunks.MarkStoredAsync(documentId, relative, size, now, now + routing.Voice.RecordingRetention, ct);
        logger.LogInformation("Recording chunk {DocumentId} of call {CallId} stored ({Size} bytes)", documentId, call.Id, size);
    }

    private static string SafeName(string documentId) => string.Concat(documentId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
