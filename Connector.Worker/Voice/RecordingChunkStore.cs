using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.Voice;

internal sealed class RecordingChunkStore(SqlDialect dialect)
{
    /// <summary>False when ACS already announced this chunk (Event Grid delivers at least once).</summary>
    public async Task<bool> AddAsync(RecordingChunk chunk, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO voice_recording_chunks (document_id, recording_id, server_call_id, chunk_index, content_location, delete_location, content_type,
                recorded_at, duration_ms, state)
            VALUES (@DocumentId, @RecordingId, @ServerCallId, @ChunkIndex, @ContentLocation, @DeleteLocation, @ContentType, @RecordedAt, @DurationMs, @State)
            ON CONFLICT (document_id) DO NOTHING
            """, chunk, cancellationToken: ct)) == 1;
    }

    public async Task<RecordingChunk?> GetAsync(string documentId, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<RecordingChunk>(new CommandDefinition(
            "SELECT * FROM voice_recording_chunks WHERE document_id = @documentId", new { documentId }, cancellationToken: ct));
    }

    public async Task MarkStoredAsync(string documentId, string path, long size, DateTimeOffset at, DateTimeOffset deleteAfter, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE voice_recording_chunks SET state = 'stored', path = @path, size_bytes = @size, stored_at = @at, delete_after = @deleteAfter WHERE document_id = @documentId",
            new { documentId, path, size, at, deleteAfter }, cancellationToken: ct));
    }

    /// <summary>A pending chunk that will not be fetched (the reason is logged by whoever refused it).</summary>
    public async Task MarkRefusedAsync(string documentId, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE voice_recording_chunks SET state = 'refused' WHERE document_id = @documentId AND state = 'pending'", new { documentId }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<RecordingChunk>> ListDueForDeletionAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return (await connection.QueryAsync<RecordingChunk>(new CommandDefinition(
            "SELECT * FROM voice_recording_chunks WHERE state = 'stored' AND delete_after <= @now ORDER BY delete_after", new { now }, cancellationToken: ct))).ToList();
    }

    public async Task<IReadOnlyList<RecordingChunk>> ListPendingAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return (await connection.QueryAsync<RecordingChunk>(new CommandDefinition(
            "SELECT * FROM voice_recording_chunks WHERE state = 'pending'", cancellationToken: ct))).ToList();
    }

    public async Task MarkDeletedAsync(string documentId, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE voice_recording_chunks SET state = 'deleted', deleted_at = @at WHERE document_id = @documentId", new { documentId, at }, cancellationToken: ct));
    }
}
