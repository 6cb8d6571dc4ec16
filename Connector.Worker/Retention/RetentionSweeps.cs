using Connector.Core.Compliance;

namespace Connector.Worker.Retention;

/// <summary>
/// What each data kind's sweep reads: rows older than a cut-off, oldest first, a batch at a time, with the conversation
/// and customer they belong to (keyset paging on the time and the key, never OFFSET). One SQL text for both stores.
/// </summary>
internal static class RetentionSweeps
{
    // After the last row of the previous batch: (at, key) > (@afterAt, @afterKey).
    private static string After(string at, string key) => $"({at} > @afterAt OR ({at} = @afterAt AND {key} > @afterKey))";

    private static string Attachments(string type) => $"""
        SELECT CAST(a.id AS text) AS key, a.created_at AS at, e.conversation_id, c.customer_id, a.path,
            (SELECT r.delete_location FROM voice_recording_chunks r WHERE r.path = a.path AND r.state = 'stored' LIMIT 1) AS delete_location
        FROM timeline_attachments a JOIN timeline_events e ON e.id = a.timeline_event_id JOIN conversations c ON c.id = e.conversation_id
        WHERE e.type = '{type}' AND a.created_at < @cutoff AND {After("a.created_at", "CAST(a.id AS text)")}
        ORDER BY a.created_at, CAST(a.id AS text) LIMIT @batch
        """;

    public static string CandidatesOf(RetentionKind kind) => kind switch
    {
        RetentionKind.Recordings => Attachments("recording_available"),
        RetentionKind.Transcripts => Attachments("transcript_available"),
        RetentionKind.Messages => $"""
            SELECT CAST(e.id AS text) AS key, e.at, e.conversation_id, c.customer_id
            FROM timeline_events e JOIN conversations c ON c.id = e.conversation_id
            WHERE e.type = 'message' AND e.at < @cutoff AND {After("e.at", "CAST(e.id AS text)")}
            ORDER BY e.at, CAST(e.id AS text) LIMIT @batch
            """,
        RetentionKind.RawEvents => $"""
            SELECT event_id AS key, received_at AS at, body FROM raw_events
            WHERE received_at < @cutoff AND {After("received_at", "event_id")}
            ORDER BY received_at, event_id LIMIT @batch
            """,
        RetentionKind.Outbox => $"""
            SELECT CAST(id AS text) AS key, COALESCE(completed_at, created_at) AS at, conversation_id, customer_id FROM outbox
            WHERE state IN ('done', 'dead') AND COALESCE(completed_at, created_at) < @cutoff AND {After("COALESCE(completed_at, created_at)", "CAST(id AS text)")}
            ORDER BY COALESCE(completed_at, created_at), CAST(id AS text) LIMIT @batch
            """,
        RetentionKind.Decisions => $"""
            SELECT CAST(d.id AS text) AS key, d.at, t.conversation_id, t.customer_id
            FROM routing_decisions d JOIN routing_tasks t ON t.id = d.task_id
            WHERE t.state IN ('completed', 'abandoned') AND d.at < @cutoff AND {After("d.at", "CAST(d.id AS text)")}
            ORDER BY d.at, CAST(d.id AS text) LIMIT @batch
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "The mail archive is swept on disk."),
    };

    /// <summary>QA evaluations, as old as the end of the work they judge (they cite its messages).</summary>
    public static readonly string QaEvaluations = $"""
        SELECT CAST(q.id AS text) AS key, q.ended_at AS at, q.conversation_id, c.customer_id
        FROM qa_evaluations q JOIN conversations c ON c.id = q.conversation_id
        WHERE q.ended_at < @cutoff AND {After("q.ended_at", "CAST(q.id AS text)")}
        ORDER BY q.ended_at, CAST(q.id AS text) LIMIT @batch
        """;

    /// <summary>What agents did with suggestions, as old as the use (an inserted draft's text is kept on it).</summary>
    public static readonly string AssistUses = $"""
        SELECT CAST(u.id AS text) AS key, u.at, u.conversation_id, c.customer_id
        FROM assist_uses u JOIN conversations c ON c.id = u.conversation_id
        WHERE u.at < @cutoff AND {After("u.at", "CAST(u.id AS text)")}
        ORDER BY u.at, CAST(u.id AS text) LIMIT @batch
        """;

    /// <summary>ACS's copies of recordings past the charter's <c>voice.recording.retention</c> (ours may stay longer).</summary>
    public const string AcsCopies = """
        SELECT r.document_id AS key, r.delete_after AS at, r.path, r.delete_location,
            (SELECT v.conversation_id FROM voice_calls v WHERE v.server_call_id = r.server_call_id AND v.conversation_id IS NOT NULL ORDER BY v.started_at LIMIT 1) AS conversation_id
        FROM voice_recording_chunks r
        WHERE r.state = 'stored' AND r.delete_after < @cutoff AND (r.delete_after > @afterAt OR (r.delete_after = @afterAt AND r.document_id > @afterKey))
        ORDER BY r.delete_after, r.document_id LIMIT @batch
        """;
}
