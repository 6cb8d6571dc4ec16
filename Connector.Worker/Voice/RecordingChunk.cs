namespace Connector.Worker.Voice;

/// <summary>One recording chunk ACS announced (RecordingFileStatusUpdated), and what became of it (table <c>voice_recording_chunks</c>).</summary>
internal sealed class RecordingChunk
{
    public const string Pending = "pending";
    public const string Stored = "stored";
    public const string Deleted = "deleted";

    /// <summary>Not fetched and never will be: its location is not where ACS keeps files, or it was over the size limit.</summary>
    public const string Refused = "refused";

    public string DocumentId { get; set; } = "";
    public string? RecordingId { get; set; }
    public string? ServerCallId { get; set; }
    public int ChunkIndex { get; set; }
    public string ContentLocation { get; set; } = "";
    public string? DeleteLocation { get; set; }
    public string? ContentType { get; set; }
    public DateTimeOffset? RecordedAt { get; set; }
    public long? DurationMs { get; set; }
    public string State { get; set; } = Pending;
    public string? Path { get; set; }
    public long? SizeBytes { get; set; }
    public DateTimeOffset? StoredAt { get; set; }
    public DateTimeOffset? DeleteAfter { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
}
