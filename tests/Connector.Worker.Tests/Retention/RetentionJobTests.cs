using System.Text.Json;
using Connector.Core.Channels;
using Connector.Core.Compliance;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Core.Intake;
using Connector.Core.Routing.Policy;
using Connector.Worker.Acs;
using Connector.Worker.Audit;
using Connector.Worker.Retention;
using Connector.Worker.Storage;
using Connector.Worker.Tests.Fakes.Acs;
using Connector.Worker.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Worker.Tests.Retention;

/// <summary>
/// The retention job over a real store of each kind, real files and the fake ACS: data of every kind, some due, some
/// not (too young, or kept longer in the customer's region), some on legal hold.
/// </summary>
public sealed class RetentionJobTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Everything 30 days; GB customers' messages a year (so an old GB message stays).
    private static readonly RetentionPolicy Policy = new(new Dictionary<string, IReadOnlyDictionary<RetentionKind, TimeSpan>>
    {
        [RetentionPolicy.DefaultRegion] = Enum.GetValues<RetentionKind>().ToDictionary(k => k, _ => TimeSpan.FromDays(30)),
        ["GB"] = new Dictionary<RetentionKind, TimeSpan> { [RetentionKind.Messages] = TimeSpan.FromDays(365) },
    });

    [Fact]
    public Task On_SQLite_retention_purges_exactly_what_is_due_keeps_what_is_on_hold_audits_each_purge_and_removes_the_files() =>
        PurgesExactlyWhatIsDueAsync(StoreUnderTest.SqliteAsync);

    [Fact]
    public Task On_PostgreSQL_retention_purges_exactly_what_is_due_keeps_what_is_on_hold_audits_each_purge_and_removes_the_files() =>
        PurgesExactlyWhatIsDueAsync(StoreUnderTest.PostgresAsync);

    private static async Task PurgesExactlyWhatIsDueAsync(Func<Task<StoreUnderTest>> open)
    {
        await using var store = await open();
        await using var acs = await FakeAcsServer.StartAsync(cancellationToken: Ct);
        await using var services = await FakeAcsCallServices.StartAsync(acs, Ct);
        var data = new DataDirectory(Directory.CreateTempSubdirectory("connector-retention-").FullName);
        var seed = new Seed(store, data, services);
        var old = store.Time.GetUtcNow();

        // a: a GB WhatsApp customer, everything 100 days old. b: the same, on legal hold. c: an email customer whose
        // conversation is on legal hold. e: an email customer, 100 days old. d: a GB customer of 5 days ago.
        var a = await seed.CustomerAsync("a", IdentityKind.WhatsApp, "+447700900111", Channel.WhatsApp);
        var b = await seed.CustomerAsync("b", IdentityKind.WhatsApp, "+447700900222", Channel.WhatsApp);
        var c = await seed.CustomerAsync("c", IdentityKind.Email, "c@example.com", Channel.Email);
        var e = await seed.CustomerAsync("e", IdentityKind.Email, "e@example.com", Channel.Email);
        await seed.ResetOutboxAsync();
        foreach (var who in new[] { a, b, c })
        {
            // ACS's copies of b's and c's recordings are past voice.recording.retention too, but on hold.
            await seed.CallFilesAsync(who, deleteAtAcsAfter: who == a ? old.AddDays(500) : old.AddDays(1));
            await seed.FinishedWorkAsync(who);
        }

        await seed.MailAsync(c, withAttachment: true);
        await seed.AgentReplyAsync(a);
        await seed.AgentReplyAsync(e);
        var unlinkedMail = await seed.MailAsync(null, withAttachment: true);
        await seed.RawEventAsync("raw-old", "{\"data\":{\"text\":\"hello\"}}");
        await seed.RawEventAsync("raw-held", "{\"data\":{\"from\":\"447700900222\"}}");

        store.Time.Advance(TimeSpan.FromDays(95));
        var d = await seed.CustomerAsync("d", IdentityKind.WhatsApp, "+447700900333", Channel.WhatsApp);
        // d's recording is young, but ACS's copy is past voice.recording.retention: only ACS's copy goes.
        await seed.CallFilesAsync(d, deleteAtAcsAfter: store.Time.GetUtcNow().AddDays(1));
        await seed.FinishedWorkAsync(d);
        await seed.RawEventAsync("raw-young", "{}");
        foreach (var who in new[] { a, b, c, d, e })
        {
            await seed.InsightAsync(who);
        }

        // QA evaluations and assist uses of a, b, c and e are as old as their messages; d's are young.
        foreach (var (who, at) in new[] { (a, old), (b, old), (c, old), (d, store.Time.GetUtcNow()), (e, old) })
        {
            await seed.QaEvaluationAsync(who, at);
            await seed.AssistUseAsync(who, at);
        }

        var now = store.Time.GetUtcNow().AddDays(5);

        var audit = new AuditLog(store.Dialect, new FakeTimeProvider(now));
        var holds = new LegalHoldStore(store.Dialect, audit);
        await holds.SetAsync(new LegalHold(LegalHold.Customer, b.Customer, "litigation 7", "agent:admin", old), Ct);
        await holds.SetAsync(new LegalHold(LegalHold.Conversation, c.Conversation, "complaint 12", "agent:admin", old), Ct);
        using var http = new HttpClient();
        var options = Options.Create(new AcsOptions { ConnectionString = acs.ConnectionString, FileHosts = [services.BaseAddress.Authority] });
        var connection = new AcsConnection(options);
        var job = new RetentionJob(store.Dialect, data, RoutingPolicy.Default() with { Retention = Policy }, holds, audit,
            new AcsCallRecordingClient(http, connection, new AcsFileHosts(options, connection), TimeProvider.System), connection, new FakeTimeProvider(now),
            Options.Create(new RetentionOptions()), NullLogger<RetentionJob>.Instance)
        { BatchSize = 2 };

        await job.RunAsync(Ct);
        var purges = await PurgesAsync(audit);
        await job.RunAsync(Ct);

        // ACS: a's recording (due) and d's copy (past ACS's retention); never b's (held), nor c's (held conversation).
        Assert.Equal([a.Recording, d.Recording], services.Deleted.Order(StringComparer.Ordinal));
        Assert.Equal(["deleted", "stored", "stored", "deleted"], await seed.ChunkStatesAsync(a, b, c, d));

        // Files: a's recording, transcript and the unlinked mail (with its attachment folder) are gone.
        Assert.False(File.Exists(data.Combine(a.RecordingPath)));
        Assert.False(File.Exists(data.Combine(a.TranscriptPath)));
        Assert.False(File.Exists(data.Combine(unlinkedMail)));
        Assert.False(Directory.Exists(data.Combine(Path.ChangeExtension(unlinkedMail, null))));
        foreach (var kept in new[] { b, c, d })
        {
            Assert.True(File.Exists(data.Combine(kept.RecordingPath)), kept.Name);
            Assert.True(File.Exists(data.Combine(kept.TranscriptPath)), kept.Name);
        }

        Assert.True(File.Exists(data.Combine(c.MailPath!)));

        // Rows.
        Assert.Equal([0, 1, 1, 1], await seed.CountPerAsync("SELECT COUNT(*) FROM timeline_attachments t JOIN timeline_events e ON e.id = t.timeline_event_id WHERE e.type = 'recording_available' AND e.conversation_id = @conversation", a, b, c, d));
        Assert.Equal([0, 1, 1, 1], await seed.CountPerAsync("SELECT COUNT(*) FROM timeline_attachments t JOIN timeline_events e ON e.id = t.timeline_event_id WHERE e.type = 'transcript_available' AND e.conversation_id = @conversation", a, b, c, d));
        Assert.Equal([0, 2, 2, 2], await seed.CountPerAsync("SELECT COUNT(*) FROM voice_transcript_fragments WHERE call_id = @call", a, b, c, d));
        // Messages: a's is kept a year (GB), e's goes after 30 days.
        Assert.Equal([1, 1, 1, 1, 0], await seed.CountPerAsync("SELECT COUNT(*) FROM timeline_events WHERE type = 'message' AND conversation_id = @conversation", a, b, c, d, e));
        // The agent's reply kept with a message goes with it.
        Assert.Equal([1, 0], await seed.CountPerAsync("SELECT COUNT(*) FROM agent_replies WHERE conversation_id = @conversation", a, e));
        Assert.Equal([0, 1, 1, 1], await seed.CountPerAsync("SELECT COUNT(*) FROM outbox WHERE conversation_id = @conversation", a, b, c, d));
        Assert.Equal([0, 1, 1, 1], await seed.CountPerAsync("SELECT COUNT(*) FROM routing_decisions d JOIN routing_tasks t ON t.id = d.task_id WHERE t.conversation_id = @conversation", a, b, c, d));
        Assert.Equal([0, 1, 1, 1], await seed.CountPerAsync("SELECT COUNT(*) FROM routing_tasks WHERE conversation_id = @conversation", a, b, c, d));
        Assert.Equal(["raw-held", "raw-young"], await seed.RawEventIdsAsync());
        // Insight goes with what it was scored from: a's transcript phrase and all of e's (its message), then e's summary, left with no turn.
        Assert.Equal([1, 2, 2, 2, 0], await seed.CountPerAsync("SELECT COUNT(*) FROM insight_turns WHERE conversation_id = @conversation", a, b, c, d, e));
        Assert.Equal([0, 1, 1, 1], await seed.CountPerAsync("SELECT COUNT(*) FROM insight_turns t JOIN timeline_events e ON e.id = t.timeline_event_id WHERE e.type = 'transcript_available' AND t.conversation_id = @conversation", a, b, c, d));
        Assert.Equal([1, 1, 1, 1, 0], await seed.CountPerAsync("SELECT COUNT(*) FROM insight_interactions WHERE conversation_id = @conversation", a, b, c, d, e));
        // QA evaluations (they quote the messages) and assist uses (an inserted draft's text) go after the messages' period:
        // a's are kept a year (GB), b's and c's are held, d's are young, e's go.
        Assert.Equal([1, 1, 1, 1, 0], await seed.CountPerAsync("SELECT COUNT(*) FROM qa_evaluations WHERE conversation_id = @conversation", a, b, c, d, e));
        Assert.Equal([1, 1, 1, 1, 0], await seed.CountPerAsync("SELECT COUNT(*) FROM assist_uses WHERE conversation_id = @conversation", a, b, c, d, e));
        Assert.Equal([1], await seed.CountPerAsync($"SELECT COUNT(*) FROM timeline_attachments WHERE path LIKE '{Path.ChangeExtension(c.MailPath!, null)}%'", c));

        // One audit entry per purge, each naming its kind, conversation, count and rule; the second run found nothing more.
        string[] expected =
        [
            $"recordings conversation:{a.Conversation} 1 default.recordings",
            $"recordings conversation:{d.Conversation} 1 voice.recording.retention",
            $"transcripts conversation:{a.Conversation} 1 default.transcripts",
            $"messages conversation:{e.Conversation} 1 default.messages",
            $"messages conversation:{e.Conversation} 1 default.messages",
            $"messages conversation:{e.Conversation} 1 default.messages",
            "rawEvents - 1 default.rawEvents",
            $"outbox conversation:{a.Conversation} 1 default.outbox",
            $"decisions conversation:{a.Conversation} 1 default.decisions",
            "mail - 1 default.mail",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), purges.Order(StringComparer.Ordinal));
        Assert.Equal(purges.Order(StringComparer.Ordinal), (await PurgesAsync(audit)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_fake_ACS_refuses_a_recording_delete_that_is_not_signed_for_the_resource()
    {
        await using var acs = await FakeAcsServer.StartAsync(cancellationToken: Ct);
        await using var services = await FakeAcsCallServices.StartAsync(acs, Ct);
        var (_, delete) = services.AddRecording("0-unsigned", [1, 2, 3]);
        using var http = new HttpClient();

        using var refused = await http.DeleteAsync(delete, Ct);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Empty(services.Deleted);
    }

    private static async Task<List<string>> PurgesAsync(AuditLog audit) =>
        [.. (await audit.ListAsync(new AuditQuery(AuditKinds.Purge, null, null, null, null), null, 1000, Ct))
            .Select(p => $"{p.Detail.GetProperty("kind").GetString()} {p.Subject ?? "-"} {p.Detail.GetProperty("count").GetInt32()} {p.Detail.GetProperty("rule").GetString()}")];

    private sealed record Party(string Name, Guid Customer, Guid Conversation)
    {
        public string Recording => $"rec-{Name}";
        public string Call => $"call-{Name}";
        public string RecordingPath => Path.Combine("recordings", $"{Name}.mp3");
        public string TranscriptPath => Path.Combine("transcripts", $"{Call}.txt");
        public string? MailPath { get; set; }
    }

    /// <summary>Seeds the store as the Worker's own paths leave it: intake for customers, SQL for what jobs add later.</summary>
    private sealed class Seed(StoreUnderTest store, DataDirectory data, FakeAcsCallServices services)
    {
        public async Task<Party> CustomerAsync(string name, IdentityKind kind, string value, Channel channel)
        {
            var result = await store.Intake.AcceptAsync(new InboundEvent($"{name}-1", channel, TimelineEventType.Message, Direction.In, store.Time.GetUtcNow(),
                [new InboundIdentity(kind, value)], $"hello from {name}", ExternalRef: $"<{name}@mail.example>"), Ct);
            return new Party(name, result.CustomerId, result.ConversationId!.Value);
        }

        public async Task ResetOutboxAsync()
        {
            await using var connection = await store.Dialect.OpenAsync(Ct);
            await connection.ExecuteAsync("DELETE FROM outbox");
        }

        /// <summary>A recording (ACS keeps a copy) and a transcript on the party's timeline, their files, and the call's phrases.</summary>
        public async Task CallFilesAsync(Party who, DateTimeOffset deleteAtAcsAfter)
        {
            var now = store.Time.GetUtcNow();
            var (content, delete) = services.AddRecording(who.Recording, [1, 2, 3]);
            await using var connection = await store.Dialect.OpenAsync(Ct);
            var segment = await connection.QuerySingleAsync<Guid>(new CommandDefinition(
                "SELECT id FROM conversation_segments WHERE conversation_id = @conversation ORDER BY sequence LIMIT 1", new { conversation = who.Conversation }, cancellationToken: Ct));
            foreach (var (type, path) in new[] { ("recording_available", who.RecordingPath), ("transcript_available", who.TranscriptPath) })
            {
                var eventId = Guid.NewGuid();
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO timeline_events (id, conversation_id, segment_id, type, channel, direction, at, text, external_ref)
                    VALUES (@eventId, @conversation, @segment, @type, 'voice', 'in', @now, 'Call file', @type)
                    """, new { eventId, conversation = who.Conversation, segment, type, now }, cancellationToken: Ct));
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO timeline_attachments (id, timeline_event_id, file_name, content_type, size_bytes, path, created_at)
                    VALUES (@id, @eventId, @name, 'audio/mpeg', 3, @path, @now)
                    """, new { id = Guid.NewGuid(), eventId, name = Path.GetFileName(path), path, now }, cancellationToken: Ct));
                Directory.CreateDirectory(Path.GetDirectoryName(data.Combine(path))!);
                await File.WriteAllBytesAsync(data.Combine(path), [1, 2, 3], Ct);
            }

            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO voice_calls (id, server_call_id, direction, caller_raw_id, identity_kind, identity_value, phase, conversation_id, started_at, updated_at)
                VALUES (@call, @server, 'inbound', '4:+447700900000', 'phone', '+447700900000', 'ended', @conversation, @now, @now)
                """, new { call = who.Call, server = $"server-{who.Name}", conversation = who.Conversation, now }, cancellationToken: Ct));
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO voice_recording_chunks (document_id, server_call_id, chunk_index, content_location, delete_location, state, path, size_bytes, stored_at, delete_after)
                VALUES (@document, @server, 0, @content, @delete, 'stored', @path, 3, @now, @deleteAtAcsAfter)
                """, new { document = who.Recording, server = $"server-{who.Name}", content = content.ToString(), delete = delete.ToString(), path = who.RecordingPath, now, deleteAtAcsAfter }, cancellationToken: Ct));
            foreach (var offset in new[] { 1L, 2L })
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO voice_transcript_fragments (call_id, offset_ticks, speaker, text) VALUES (@call, @offset, 'caller', 'words')",
                    new { call = who.Call, offset }, cancellationToken: Ct));
            }
        }

        /// <summary>The party's task finished, with a routing decision, and a CRM outbox row done.</summary>
        public async Task FinishedWorkAsync(Party who)
        {
            var now = store.Time.GetUtcNow();
            await using var connection = await store.Dialect.OpenAsync(Ct);
            var task = await connection.QuerySingleAsync<Guid>(new CommandDefinition(
                "SELECT id FROM routing_tasks WHERE conversation_id = @conversation", new { conversation = who.Conversation }, cancellationToken: Ct));
            await connection.ExecuteAsync(new CommandDefinition("UPDATE routing_tasks SET state = 'completed', updated_at = @now WHERE id = @task", new { task, now }, cancellationToken: Ct));
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO routing_decisions (id, task_id, at, channel, queue, rule, task_score, agent_id, outcome, candidates, decided_by)
                VALUES (@id, @task, @now, 'whatsapp', 'whatsapp', 'anyAgent', 1, 'ann', 'offered', '[]', 'test')
                """, new { id = Guid.NewGuid(), task, now }, cancellationToken: Ct));
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO outbox (kind, idempotency_key, customer_id, conversation_id, state, attempts, created_at, next_attempt_at, completed_at)
                VALUES ('interaction', @key, @customer, @conversation, 'done', 1, @now, @now, @now)
                """, new { key = $"{who.Conversation}:interaction", customer = who.Customer, conversation = who.Conversation, now }, cancellationToken: Ct));
        }

        /// <summary>The party's interaction analysed as the insight job keeps it: a summary, and a turn per message and transcript.</summary>
        public async Task InsightAsync(Party who)
        {
            var now = store.Time.GetUtcNow();
            var task = Guid.NewGuid();
            await using var connection = await store.Dialect.OpenAsync(Ct);
            var events = (await connection.QueryAsync<Guid>(new CommandDefinition(
                "SELECT id FROM timeline_events WHERE conversation_id = @conversation AND type IN ('message', 'transcript_available') ORDER BY at, id",
                new { conversation = who.Conversation }, cancellationToken: Ct))).ToList();
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO insight_interactions (id, conversation_id, task_id, channel, queue, agent_id, ended_at, analysed_at, turn_count, overall, start_sentiment, end_sentiment, participants, topics)
                VALUES (@id, @conversation, @task, 'whatsapp', 'support', 'ann', @now, @now, @turns, 0.1, 0, 0.2, '{}', '{}')
                """, new { id = Guid.NewGuid(), conversation = who.Conversation, task, now, turns = events.Count }, cancellationToken: Ct));
            for (var i = 0; i < events.Count; i++)
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO insight_turns (task_id, turn_index, conversation_id, timeline_event_id, line, speaker, at, sentiment, confidence, method, topics)
                    VALUES (@task, @i, @conversation, @eventId, NULL, 'customer', @now, 0.1, 0.9, 'embedded', '[]')
                    """, new { task, i, conversation = who.Conversation, eventId = events[i], now }, cancellationToken: Ct));
            }
        }

        /// <summary>A mail in the archive as the IMAP poll keeps it (of the party's email entry, or of nobody), dated now.</summary>
        public async Task<string> MailAsync(Party? who, bool withAttachment)
        {
            var sha = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "00000000000000000000000000000000";
            var month = Path.Combine("mail", "2026", "11");
            var eml = Path.Combine(month, sha + ".eml");
            Directory.CreateDirectory(data.Combine(month));
            var messageId = who is null ? $"<nobody-{sha[..8]}@mail.example>" : $"<{who.Name}@mail.example>";
            await File.WriteAllTextAsync(data.Combine(eml), $"From: x@example.com\r\nMessage-ID: {messageId}\r\nSubject: hi\r\n\r\nbody\r\n", Ct);
            File.SetLastWriteTimeUtc(data.Combine(eml), store.Time.GetUtcNow().UtcDateTime);
            if (withAttachment)
            {
                var attachment = Path.Combine(month, sha, "01-invoice.pdf");
                Directory.CreateDirectory(data.Combine(month, sha));
                await File.WriteAllBytesAsync(data.Combine(attachment), [4, 5], Ct);
                if (who is not null)
                {
                    await using var connection = await store.Dialect.OpenAsync(Ct);
                    var eventId = await connection.QuerySingleAsync<Guid>(new CommandDefinition(
                        "SELECT id FROM timeline_events WHERE conversation_id = @conversation AND type = 'message'", new { conversation = who.Conversation }, cancellationToken: Ct));
                    await connection.ExecuteAsync(new CommandDefinition("""
                        INSERT INTO timeline_attachments (id, timeline_event_id, file_name, content_type, size_bytes, path, created_at)
                        VALUES (@id, @eventId, 'invoice.pdf', 'application/pdf', 2, @attachment, @now)
                        """, new { id = Guid.NewGuid(), eventId, attachment, now = store.Time.GetUtcNow() }, cancellationToken: Ct));
                }
            }

            if (who is not null)
            {
                who.MailPath = eml;
            }

            return eml;
        }

        /// <summary>An agent's reply kept beside the customer's message entry (its text and answer), as the reply path keeps it.</summary>
        public async Task AgentReplyAsync(Party who)
        {
            await using var connection = await store.Dialect.OpenAsync(Ct);
            var eventId = await connection.QuerySingleAsync<Guid>(new CommandDefinition(
                "SELECT id FROM timeline_events WHERE conversation_id = @conversation AND type = 'message'", new { conversation = who.Conversation }, cancellationToken: Ct));
            var now = store.Time.GetUtcNow();
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO agent_replies (id, conversation_id, agent_id, idempotency_key, request_hash, channel, prepared, first_sent_at,
                    timeline_event_id, state, created_at, updated_at)
                VALUES (@id, @conversation, 'ann', @key, 'hash', 'email', 'the reply text', @now, @eventId, 'sent', @now, @now)
                """, new { id = Guid.NewGuid(), conversation = who.Conversation, key = who.Name, now, eventId }, cancellationToken: Ct));
        }

        /// <summary>A QA evaluation of the party's work as the QA job keeps it, its answers quoting the customer.</summary>
        public async Task QaEvaluationAsync(Party who, DateTimeOffset endedAt)
        {
            await using var connection = await store.Dialect.OpenAsync(Ct);
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO qa_evaluations (id, conversation_id, task_id, form, channel, queue, agent_id, score, ended_at, evaluated_at, answers)
                VALUES (@id, @conversation, @task, 'standard', 'whatsapp', 'support', 'ann', 80, @endedAt, @endedAt, @answers)
                """, new { id = Guid.NewGuid(), conversation = who.Conversation, task = Guid.NewGuid(), endedAt, answers = $"[{{\"quote\":\"hello from {who.Name}\"}}]" }, cancellationToken: Ct));
        }

        /// <summary>An agent inserting an AI draft into the party's conversation: the use keeps the draft's text.</summary>
        public async Task AssistUseAsync(Party who, DateTimeOffset at)
        {
            await using var connection = await store.Dialect.OpenAsync(Ct);
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO assist_uses (id, conversation_id, agent_id, kind, suggestion_id, action_taken, text, at)
                VALUES (@id, @conversation, 'ann', 'draft', 'draft', 'inserted', @text, @at)
                """, new { id = Guid.NewGuid(), conversation = who.Conversation, text = $"Dear {who.Name}, your order is on its way.", at }, cancellationToken: Ct));
        }

        public async Task RawEventAsync(string id, string body)
        {
            await using var connection = await store.Dialect.OpenAsync(Ct);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO raw_events (event_id, event_type, source, received_at, body) VALUES (@id, 'Test', 'test', @now, @body)",
                new { id, now = store.Time.GetUtcNow(), body }, cancellationToken: Ct));
        }

        public async Task<List<string>> ChunkStatesAsync(params Party[] parties)
        {
            await using var connection = await store.Dialect.OpenAsync(Ct);
            var states = new List<string>();
            foreach (var who in parties)
            {
                states.Add(await connection.QuerySingleAsync<string>(new CommandDefinition(
                    "SELECT state FROM voice_recording_chunks WHERE document_id = @id", new { id = who.Recording }, cancellationToken: Ct)));
            }

            return states;
        }

        public async Task<List<long>> CountPerAsync(string sql, params Party[] parties)
        {
            await using var connection = await store.Dialect.OpenAsync(Ct);
            var counts = new List<long>();
            foreach (var who in parties)
            {
                counts.Add(await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, new { conversation = who.Conversation, call = who.Call }, cancellationToken: Ct)));
            }

            return counts;
        }

        public async Task<List<string>> RawEventIdsAsync()
        {
            await using var connection = await store.Dialect.OpenAsync(Ct);
            return [.. await connection.QueryAsync<string>(new CommandDefinition("SELECT event_id FROM raw_events ORDER BY event_id", cancellationToken: Ct))];
        }
    }
}
