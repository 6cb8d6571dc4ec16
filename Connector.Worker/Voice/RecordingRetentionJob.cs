using Connector.Worker.Acs;
using Hangfire;

namespace Connector.Worker.Voice;

/// <summary>
/// Deletes recordings at ACS (through each chunk's <c>deleteLocation</c>) once the charter's retention has passed
/// since we stored our copy. Recurring; a chunk that fails stays due and is tried on the next run.
/// </summary>
internal sealed class RecordingRetentionJob(RecordingChunkStore chunks, AcsCallRecordingClient recordings, TimeProvider time, ILogger<RecordingRetentionJob> logger)
{
    public const string RecurringId = "voice-recording-retention";

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [JobDisplayName("Recording retention")]
    public async Task RunAsync(CancellationToken ct)
    {
        var deleted = 0;
        foreach (var chunk in await chunks.ListDueForDeletionAsync(time.GetUtcNow(), ct))
        {
            if (chunk.DeleteLocation is not { Length: > 0 } location)
            {
                await chunks.MarkDeletedAsync(chunk.DocumentId, time.GetUtcNow(), ct);
                continue;
            }

            try
            {
                await recordings.DeleteAsync(new Uri(location), ct);
                await chunks.MarkDeletedAsync(chunk.DocumentId, time.GetUtcNow(), ct);
                deleted++;
            }
            catch (AcsDownloadRefusedException ex)
            {
                // Announced before the allow-list existed, on a host we do not send a signature to: left for an admin.
                logger.LogError("Recording chunk {DocumentId} is not deleted at ACS: {Reason}", chunk.DocumentId, ex.Message);
            }
            catch (AcsRequestFailedException ex)
            {
                logger.LogWarning("Deleting recording chunk {DocumentId} at ACS failed ({Status} {Code}); tried again next run", chunk.DocumentId, (int)ex.StatusCode, ex.ErrorCode);
            }
        }

        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Count} recording chunks at ACS after their retention", deleted);
        }
    }
}
