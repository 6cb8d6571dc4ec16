using Connector.Core.Compliance;
using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.Email;

/// <summary>
/// What email adds to timeline entries (migration 0008): each mail's subject, and the state of a reply that ACS has
/// queued but not yet accepted (<see cref="Sending"/>), which the send-status job moves on. Subjects are stored redacted, as timeline text is.
/// </summary>
internal sealed class EmailTimelineStore(SqlDialect dialect, SensitiveDataRedactor redactor)
{
    /// <summary>
    /// A reply ACS has queued (202) and not yet accepted for delivery. Not one of Core's delivery statuses, so it ranks
    /// below all of them: sent, delivered and failed all move it on, and nothing moves a message back to it.
    /// </summary>
    public const string Sending = "sending";

    /// <summary>Keeps an inbound mail's subject on its timeline entry (found by Message-ID); a replay sets the same.</summary>
    public async Task KeepInboundSubjectAsync(string messageId, string subject, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE timeline_events SET subject = @subject WHERE external_ref = @messageId AND channel = 'email' AND direction = 'in'",
            new { messageId, subject = redactor.Redact(subject) }, cancellationToken: ct));
    }

    /// <summary>Marks a reply just queued at ACS: its subject, and <see cref="Sending"/> unless a report already moved it on.</summary>
    public async Task MarkSendingAsync(Guid timelineEventId, string subject, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE timeline_events
            SET subject = @subject, delivery_status = CASE WHEN delivery_status = 'sent' THEN @sending ELSE delivery_status END
            WHERE id = @timelineEventId
            """,
            new { timelineEventId, subject = redactor.Redact(subject), sending = Sending }, cancellationToken: ct));
    }

    /// <summary>The subject of a timeline entry, else the newest subject of the conversation's mails.</summary>
    public async Task<string?> FindSubjectAsync(Guid conversationId, Guid? preferredTimelineEventId, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        if (preferredTimelineEventId is { } id
            && await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
                "SELECT subject FROM timeline_events WHERE id = @id", new { id }, cancellationToken: ct)) is { Length: > 0 } subject)
        {
            return subject;
        }

        return await connection.QueryFirstOrDefaultAsync<string?>(new CommandDefinition(
            """
            SELECT subject FROM timeline_events
            WHERE conversation_id = @conversationId AND channel = 'email' AND subject IS NOT NULL
            ORDER BY at DESC LIMIT 1
            """,
            new { conversationId }, cancellationToken: ct));
    }

    /// <summary>When the reply with this ACS operation id went out; null when no such reply is on a timeline.</summary>
    public async Task<DateTimeOffset?> FindSentAtAsync(string operationId, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.QueryFirstOrDefaultAsync<DateTimeOffset?>(new CommandDefinition(
            "SELECT at FROM timeline_events WHERE external_ref = @operationId AND channel = 'email' AND direction = 'out'",
            new { operationId }, cancellationToken: ct));
    }

    /// <summary>The operation ids of replies still <see cref="Sending"/>: polled again after a restart.</summary>
    public async Task<IReadOnlyList<string>> ListSendingAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT external_ref FROM timeline_events WHERE channel = 'email' AND direction = 'out' AND delivery_status = @sending AND external_ref IS NOT NULL",
            new { sending = Sending }, cancellationToken: ct))).ToList();
    }
}
