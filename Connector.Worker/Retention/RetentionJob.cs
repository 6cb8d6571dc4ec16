using System.Data.Common;
using Connector.Core.Compliance;
using Connector.Core.Routing.Policy;
using Connector.Worker.Acs;
using Connector.Worker.Audit;
using Connector.Worker.Storage;
using Dapper;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Retention;

/// <summary>
/// Purges what the charter's <c>retention:</c> says is due, per data kind and the customer's region, on either store
/// and on disk, and deletes ACS's copies of recordings (also those past <c>voice.recording.retention</c>, which may be
/// shorter than ours). Nothing of a customer or conversation on legal hold is touched. Works in batches, a bounded
/// number per run (what is left waits for the next run); each purge (one kind, one conversation, one batch) is one
/// transaction with its audit entry. Files go first: a crash in between leaves a row whose file is gone, purged again
/// next run, never a file nothing points to.
/// </summary>
internal sealed class RetentionJob(
    SqlDialect dialect,
    DataDirectory data,
    RoutingPolicy routing,
    LegalHoldStore holds,
    AuditLog audit,
    AcsCallRecordingClient recordings,
    AcsConnection acs,
    TimeProvider time,
    IOptions<RetentionOptions> options,
    ILogger<RetentionJob> logger)
{
    public const string RecurringId = "retention";

    /// <summary>Rows read per batch, and batches per kind per run: one run stays short, and a backlog drains over runs.</summary>
    internal int BatchSize { get; init; } = 200;
    internal int MaxBatchesPerKind { get; init; } = 50;

    private static readonly DateTimeOffset Start = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 3600)]
    [JobDisplayName("Retention")]
    public async Task RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var held = await holds.ListAsync(ct);
        HeldIdentities = await holds.IdentitiesAsync(held, ct);
        var policy = routing.Retention;
        await SweepAsync(RetentionKind.Recordings, RetentionSweeps.AcsCopies, now, _ => now, held, PurgeAcsCopiesAsync, ct);
        foreach (var kind in new[] { RetentionKind.Recordings, RetentionKind.Transcripts, RetentionKind.Messages, RetentionKind.RawEvents, RetentionKind.Outbox, RetentionKind.Decisions })
        {
            if (policy.Shortest(kind) is { } shortest)
            {
                await SweepAsync(kind, RetentionSweeps.CandidatesOf(kind), now - shortest, region => Cutoff(policy, region, kind, now), held, PurgeAsync, ct);
            }
        }

        if (policy.Shortest(RetentionKind.Messages) is { } messages)
        {
            // A QA evaluation quotes the messages it cites, and an assist use keeps the text of an inserted draft: both
            // go after the messages' period, per region, like the conversation's messages themselves.
            foreach (var (sweep, table) in new[] { (RetentionSweeps.QaEvaluations, "qa_evaluations"), (RetentionSweeps.AssistUses, "assist_uses") })
            {
                await SweepAsync(RetentionKind.Messages, sweep, now - messages, region => Cutoff(policy, region, RetentionKind.Messages, now), held,
                    (purge, token) => PurgeBesideMessagesAsync(purge, table, token), ct);
            }
        }

        if (policy.Shortest(RetentionKind.Mail) is { } mail)
        {
            await new MailArchiveSweep(dialect, data, this).RunAsync(now - mail, region => Cutoff(policy, region, RetentionKind.Mail, now), held, ct);
        }

        var window = options.Value.PresenceLogWindow;
        await new PresenceLogSweep(dialect, audit).RunAsync(now - window, window, BatchSize, MaxBatchesPerKind, ct);
    }

    private async Task PurgeBesideMessagesAsync(Purge purge, string table, CancellationToken ct)
    {
        await CommitAsync(purge, (connection, tx) => connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM {table} WHERE {dialect.In("id", "ids")}", new { ids = dialect.IdList(purge.Rows.Select(r => Guid.Parse(r.Key))) }, tx, cancellationToken: ct)),
            new { table }, ct);
    }

    private static DateTimeOffset? Cutoff(RetentionPolicy policy, string? region, RetentionKind kind, DateTimeOffset now) =>
        policy.For(region, kind) is { } period ? now - period : null;

    /// <summary>One purge: the rows of one kind and one conversation (or of none), due by one rule.</summary>
    internal sealed record Purge(RetentionKind Kind, Guid? ConversationId, Guid? CustomerId, string? Region, IReadOnlyList<RetentionCandidate> Rows, DateTimeOffset Cutoff, string? Rule = null);

    private delegate Task<int> Purger(DbConnection connection, DbTransaction tx, Purge purge, CancellationToken ct);

    private async Task SweepAsync(RetentionKind kind, string sql, DateTimeOffset cutoff, Func<string?, DateTimeOffset?> cutoffFor,
        (HashSet<Guid> Customers, HashSet<Guid> Conversations) held, Func<Purge, CancellationToken, Task> purge, CancellationToken ct)
    {
        var (afterAt, afterKey) = (Start, "");
        for (var batch = 0; batch < MaxBatchesPerKind; batch++)
        {
            List<RetentionCandidate> rows;
            Dictionary<Guid, string?> regions;
            await using (var connection = await dialect.OpenAsync(ct))
            {
                rows = [.. await connection.QueryAsync<RetentionCandidate>(new CommandDefinition(sql, new { cutoff, afterAt, afterKey, batch = BatchSize }, cancellationToken: ct))];
                await FillCustomersAsync(connection, rows, ct);
                regions = await CustomerRegions.OfAsync(dialect, connection, [.. rows.Where(r => r.CustomerId is not null).Select(r => r.CustomerId!.Value)], ct);
            }

            if (rows.Count == 0)
            {
                return;
            }

            (afterAt, afterKey) = (rows[^1].At, rows[^1].Key);
            var due = rows
                .Select(r => (Row: r, Region: r.CustomerId is { } c ? regions[c] : null))
                .Where(r => !IsHeld(r.Row, held) && cutoffFor(r.Region) is { } own && r.Row.At < own)
                .GroupBy(r => (r.Row.ConversationId, r.Row.CustomerId, r.Region));
            foreach (var group in due)
            {
                await purge(new Purge(kind, group.Key.ConversationId, group.Key.CustomerId, group.Key.Region, [.. group.Select(g => g.Row)], cutoffFor(group.Key.Region)!.Value), ct);
            }

            if (rows.Count < BatchSize)
            {
                return;
            }
        }

        logger.LogInformation("Retention of {Kind} stopped after {Batches} batches this run; the rest waits for the next run", kind.ToName(), MaxBatchesPerKind);
    }

    internal bool IsHeld(RetentionCandidate row, (HashSet<Guid> Customers, HashSet<Guid> Conversations) held) =>
        (row.CustomerId is { } customer && held.Customers.Contains(customer))
        || (row.ConversationId is { } conversation && held.Conversations.Contains(conversation))
        || (row.Body is { } body && HeldIdentities.Any(v => body.Contains(v, StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// Raw events are stored before intake knows whose they are: one whose body names an identity of a held customer
    /// (or of a held conversation's customer) is kept. Read once per run, with the holds.
    /// </summary>
    private IReadOnlyList<string> HeldIdentities { get; set; } = [];

    private async Task FillCustomersAsync(DbConnection connection, List<RetentionCandidate> rows, CancellationToken ct)
    {
        var missing = rows.Where(r => r.CustomerId is null && r.ConversationId is not null).Select(r => r.ConversationId!.Value).Distinct().ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var owners = (await connection.QueryAsync<(Guid Id, Guid CustomerId)>(new CommandDefinition(
            $"SELECT id, customer_id FROM conversations WHERE {dialect.In("id", "ids")}", new { ids = dialect.IdList(missing) }, cancellationToken: ct)))
            .ToDictionary(o => o.Id, o => o.CustomerId);
        foreach (var row in rows.Where(r => r.CustomerId is null && r.ConversationId is not null))
        {
            row.CustomerId = owners.TryGetValue(row.ConversationId!.Value, out var customer) ? customer : null;
        }
    }

    private async Task PurgeAsync(Purge purge, CancellationToken ct)
    {
        // ACS's copy first: while it cannot be deleted, ours stays too, so the purge is tried again as a whole.
        var rows = new List<RetentionCandidate>();
        var acsDeleted = 0;
        foreach (var row in purge.Rows)
        {
            if (row.DeleteLocation is { Length: > 0 } location)
            {
                if (!await TryDeleteAtAcsAsync(row.Key, location, ct))
                {
                    continue;
                }

                acsDeleted++;
            }

            rows.Add(row);
        }

        if (rows.Count == 0)
        {
            return;
        }

        var files = purge.Kind is RetentionKind.Messages ? await MessageFilesAsync(rows, ct) : [.. rows.Where(r => r.Path is not null).Select(r => r.Path!)];
        var removed = DeleteFiles(files);
        await CommitAsync(purge with { Rows = rows }, (connection, tx) => DeleteRowsAsync(connection, tx, purge.Kind, rows, purge.Cutoff, ct),
            new { files = removed, acsCopies = acsDeleted }, ct);
    }

    private async Task PurgeAcsCopiesAsync(Purge purge, CancellationToken ct)
    {
        var deleted = new List<string>();
        foreach (var row in purge.Rows)
        {
            if (row.DeleteLocation is not { Length: > 0 } location || await TryDeleteAtAcsAsync(row.Key, location, ct))
            {
                deleted.Add(row.Key);
            }
        }

        if (deleted.Count == 0)
        {
            return;
        }

        await CommitAsync(purge with { Rows = [.. purge.Rows.Where(r => deleted.Contains(r.Key))], Rule = "voice.recording.retention" }, (connection, tx) => connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE voice_recording_chunks SET state = 'deleted', deleted_at = @now WHERE {dialect.In("document_id", "keys")}",
            new { now = time.GetUtcNow(), keys = deleted.ToArray() }, tx, cancellationToken: ct)), new { acsCopies = deleted.Count }, ct);
    }

    private async Task<bool> TryDeleteAtAcsAsync(string key, string location, CancellationToken ct)
    {
        if (!acs.IsConfigured || !Uri.TryCreate(location, UriKind.Absolute, out var uri))
        {
            logger.LogWarning("Recording {Key} cannot be deleted at ACS ({Reason}); it is kept until it can", key, acs.IsConfigured ? "its delete location is not a URL" : "Acs:ConnectionString is not configured");
            return false;
        }

        try
        {
            await recordings.DeleteAsync(uri, ct);
            return true;
        }
        catch (AcsDownloadRefusedException ex)
        {
            // Announced before the allow-list existed, on a host we send no signature to: left for an admin.
            logger.LogError("Recording {Key} is not deleted at ACS: {Reason}", key, ex.Message);
            return false;
        }
        catch (AcsRequestFailedException ex)
        {
            logger.LogWarning("Deleting recording {Key} at ACS failed ({Status} {Code}); tried again next run", key, (int)ex.StatusCode, ex.ErrorCode);
            return false;
        }
    }

    /// <summary>The rows' delete and the purge's audit entry, in one transaction.</summary>
    internal async Task CommitAsync(Purge purge, Func<DbConnection, DbTransaction, Task<int>> delete, object extra, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await delete(connection, tx);
        var policy = routing.Retention;
        var subject = purge.ConversationId is { } conversation ? $"conversation:{conversation}"
            : purge.CustomerId is { } customer ? $"customer:{customer}"
            : null;
        await audit.WriteAsync(connection, tx, AuditActor.Retention, AuditKinds.Purge, subject, new
        {
            kind = purge.Kind.ToName(),
            count = purge.Rows.Count,
            conversationId = purge.ConversationId,
            customerId = purge.CustomerId,
            region = purge.Region ?? RetentionPolicy.DefaultRegion,
            rule = purge.Rule ?? policy.RuleFor(purge.Region, purge.Kind),
            period = purge.Rule is null ? policy.For(purge.Region, purge.Kind)?.ToString() : null,
            olderThan = purge.Cutoff,
            detail = extra,
        }, ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Retention purged {Count} {Kind} of conversation {ConversationId}", purge.Rows.Count, purge.Kind.ToName(), purge.ConversationId);
    }

    private Task<int> DeleteRowsAsync(DbConnection connection, DbTransaction tx, RetentionKind kind, List<RetentionCandidate> rows, DateTimeOffset cutoff, CancellationToken ct)
    {
        var ids = kind is RetentionKind.RawEvents or RetentionKind.Outbox ? null : dialect.IdList(rows.Select(r => Guid.Parse(r.Key)));
        return kind switch
        {
            RetentionKind.Recordings => ExecuteAllAsync(connection, tx, ct,
                ($"UPDATE voice_recording_chunks SET state = 'deleted', path = NULL, deleted_at = @now WHERE {dialect.In("path", "paths")}", new { now = time.GetUtcNow(), paths = rows.Select(r => r.Path).ToArray() }),
                ($"DELETE FROM timeline_attachments WHERE {dialect.In("id", "ids")}", new { ids })),
            RetentionKind.Transcripts => ExecuteAllAsync(connection, tx, ct,
                // The transcript file is named after its call: the phrases kept while it ran go with it.
                ($"DELETE FROM voice_transcript_fragments WHERE {dialect.In("call_id", "calls")}", new { calls = rows.Select(r => Path.GetFileNameWithoutExtension(r.Path)).ToArray() }),
                // The insight scored from the transcript's phrases goes with it, and the interactions left with no turn.
                ($"DELETE FROM insight_turns WHERE timeline_event_id IN (SELECT timeline_event_id FROM timeline_attachments WHERE {dialect.In("id", "ids")})", new { ids }),
                (InsightLeftEmpty, new { conversation = rows[0].ConversationId }),
                ($"DELETE FROM timeline_attachments WHERE {dialect.In("id", "ids")}", new { ids })),
            RetentionKind.Messages => ExecuteAllAsync(connection, tx, ct,
                ($"DELETE FROM timeline_attachments WHERE {dialect.In("timeline_event_id", "ids")}", new { ids }),
                // An agent's reply is kept beside its timeline entry (its text, its answer): it goes with the message.
                ($"DELETE FROM agent_replies WHERE {dialect.In("timeline_event_id", "ids")}", new { ids }),
                ($"DELETE FROM insight_turns WHERE {dialect.In("timeline_event_id", "ids")}", new { ids }),
                (InsightLeftEmpty, new { conversation = rows[0].ConversationId }),
                ($"DELETE FROM timeline_events WHERE {dialect.In("id", "ids")}", new { ids })),
            RetentionKind.RawEvents => ExecuteAllAsync(connection, tx, ct,
                ($"DELETE FROM raw_events WHERE {dialect.In("event_id", "keys")}", new { keys = rows.Select(r => r.Key).ToArray() })),
            RetentionKind.Outbox => ExecuteAllAsync(connection, tx, ct,
                ($"DELETE FROM outbox WHERE {dialect.In("id", "keys")}", new { keys = rows.Select(r => long.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture)).ToArray() })),
            RetentionKind.Decisions => ExecuteAllAsync(connection, tx, ct,
                ($"DELETE FROM routing_decisions WHERE {dialect.In("id", "ids")}", new { ids }),
                // Finished tasks go with their decisions, once none is left and they finished before the cut-off too.
                ("DELETE FROM routing_tasks WHERE state IN ('completed', 'abandoned') AND updated_at < @cutoff AND conversation_id = @conversation "
                    + "AND NOT EXISTS (SELECT 1 FROM routing_decisions d WHERE d.task_id = routing_tasks.id)",
                    new { cutoff, conversation = rows[0].ConversationId })),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    // An interaction's insight summary is made of its turns: once the last of them is purged, so is the summary.
    private const string InsightLeftEmpty = "DELETE FROM insight_interactions WHERE conversation_id = @conversation "
        + "AND NOT EXISTS (SELECT 1 FROM insight_turns t WHERE t.task_id = insight_interactions.task_id)";

    private static async Task<int> ExecuteAllAsync(DbConnection connection, DbTransaction tx, CancellationToken ct, params (string Sql, object Parameters)[] statements)
    {
        var total = 0;
        foreach (var (sql, parameters) in statements)
        {
            total += await connection.ExecuteAsync(new CommandDefinition(sql, parameters, tx, cancellationToken: ct));
        }

        return total;
    }

    /// <summary>The files attached to messages (WhatsApp media, email attachments) go with them.</summary>
    private async Task<List<string>> MessageFilesAsync(List<RetentionCandidate> rows, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return [.. await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT path FROM timeline_attachments WHERE {dialect.In("timeline_event_id", "ids")}",
            new { ids = dialect.IdList(rows.Select(r => Guid.Parse(r.Key))) }, cancellationToken: ct))];
    }

    /// <summary>Deletes the files (a file already gone counts as deleted); returns how many were there.</summary>
    internal int DeleteFiles(IEnumerable<string> relativePaths)
    {
        var removed = 0;
        foreach (var relative in relativePaths)
        {
            if (data.Resolve(relative) is not { } path)
            {
                logger.LogWarning("A stored path leads out of the data directory; no file is deleted for it");
                continue;
            }

            if (File.Exists(path))
            {
                File.Delete(path);
                removed++;
            }
        }

        return removed;
    }
}
