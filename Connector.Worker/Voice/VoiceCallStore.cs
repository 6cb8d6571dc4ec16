using Connector.Core.Voice;
using Connector.Worker.Push.Messages;
using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.Voice;

/// <summary>The voice tables (migration 0009): calls, applied callbacks, transcript fragments, agents' phone endpoints.</summary>
/// <param name="notices">What agents are told of their calls' live transcript; null: nobody.</param>
internal sealed class VoiceCallStore(SqlDialect dialect, IChangeNotices? notices = null)
{
    private const string Columns = """
        id, call_connection_id, server_call_id, correlation_id, direction, caller_raw_id, identity_kind, identity_value, region, phase,
        journey, menu_attempt, record, recording_id, agent_id, agent_raw_id, conversation_id, task_id, task_ref, secure_since, started_at, connected_at, ended_at, updated_at,
        service_number
        """;

    public async Task InsertAsync(VoiceCall call, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO voice_calls ({Columns}) VALUES (@Id, @CallConnectionId, @ServerCallId, @CorrelationId, @Direction, @CallerRawId, @IdentityKind,
                @IdentityValue, @Region, @Phase, @Journey, @MenuAttempt, @Record, @RecordingId, @AgentId, @AgentRawId, @ConversationId, @TaskId, @TaskRef, @SecureSince, @StartedAt,
                @ConnectedAt, @EndedAt, @UpdatedAt, @ServiceNumber)
            """, call, cancellationToken: ct));
    }

    public async Task UpdateAsync(VoiceCall call, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE voice_calls SET call_connection_id = @CallConnectionId, server_call_id = @ServerCallId, correlation_id = @CorrelationId, phase = @Phase,
                journey = @Journey, menu_attempt = @MenuAttempt, record = @Record, recording_id = @RecordingId, agent_id = @AgentId, agent_raw_id = @AgentRawId,
                conversation_id = @ConversationId, task_id = @TaskId, task_ref = @TaskRef, secure_since = @SecureSince, connected_at = @ConnectedAt, ended_at = @EndedAt, updated_at = @UpdatedAt
            WHERE id = @Id
            """, call, cancellationToken: ct));
    }

    public Task<VoiceCall?> GetAsync(string id, CancellationToken ct) => FindAsync("id = @value", id, ct);

    public Task<VoiceCall?> FindByConnectionAsync(string callConnectionId, CancellationToken ct) => FindAsync("call_connection_id = @value", callConnectionId, ct);

    public Task<VoiceCall?> FindByServerCallAsync(string serverCallId, CancellationToken ct) => FindAsync("server_call_id = @value", serverCallId, ct);

    public async Task<bool> IsCallbackRecordedAsync(string callId, string eventId, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM voice_callback_events WHERE event_id = @key", new { key = $"{callId}:{eventId}" }, cancellationToken: ct)) > 0;
    }

    public Task<VoiceCall?> FindByRecordingAsync(string recordingId, CancellationToken ct) => FindAsync("recording_id = @value", recordingId, ct);

    /// <summary>False when this callback was already applied (ACS delivers at least once).</summary>
    public async Task<bool> TryRecordCallbackAsync(string callId, string eventId, string type, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO voice_callback_events (event_id, call_id, event_type, received_at) VALUES (@key, @callId, @type, @at) ON CONFLICT (event_id) DO NOTHING",
            new { key = $"{callId}:{eventId}", callId, type, at }, cancellationToken: ct)) == 1;
    }

    /// <summary>
    /// Keeps one redacted phrase; the same phrase delivered twice is kept once. A phrase newly kept is journaled as
    /// <paramref name="live"/> for the agents holding the call's conversation in the same transaction, so the live
    /// transcript they are shown is exactly what is kept.
    /// </summary>
    public async Task AddFragmentAsync(string callId, TranscriptFragment fragment, TranscriptPhrase? live, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var kept = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO voice_transcript_fragments (call_id, offset_ticks, speaker, text) VALUES (@callId, @ticks, @Speaker, @Text) ON CONFLICT DO NOTHING",
            new { callId, ticks = fragment.Offset.Ticks, fragment.Speaker, fragment.Text }, tx, cancellationToken: ct)) == 1;
        var deliver = kept && live is not null && notices is not null ? await notices.TranscriptPhraseAsync(connection, tx, live, ct) : null;
        await tx.CommitAsync(ct);
        if (deliver is not null)
        {
            await deliver();
        }
    }

    /// <summary>
    /// Replaces the text of a phrase already kept, when a later phrase showed it held part of a sensitive value (a card
    /// number read out across a pause); the agents holding the conversation are sent the corrected phrase.
    /// </summary>
    public async Task ReviseFragmentAsync(string callId, TranscriptFragment fragment, TranscriptPhrase? live, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var revised = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE voice_transcript_fragments SET text = @Text WHERE call_id = @callId AND offset_ticks = @ticks AND speaker = @Speaker",
            new { callId, ticks = fragment.Offset.Ticks, fragment.Speaker, fragment.Text }, tx, cancellationToken: ct)) == 1;
        var deliver = revised && live is not null && notices is not null ? await notices.TranscriptPhraseAsync(connection, tx, live, ct) : null;
        await tx.CommitAsync(ct);
        if (deliver is not null)
        {
            await deliver();
        }
    }

    public async Task<IReadOnlyList<TranscriptFragment>> ListFragmentsAsync(string callId, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long OffsetTicks, string Speaker, string Text)>(new CommandDefinition(
            "SELECT offset_ticks, speaker, text FROM voice_transcript_fragments WHERE call_id = @callId ORDER BY offset_ticks",
            new { callId }, cancellationToken: ct));
        return rows.Select(r => new TranscriptFragment(TimeSpan.FromTicks(r.OffsetTicks), r.Speaker, r.Text)).ToList();
    }

    public async Task SetAgentEndpointAsync(string agentId, string? acsUserId, string? phoneNumber, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO voice_agent_endpoints (agent_id, acs_user_id, phone_number, updated_at) VALUES (@agentId, @acsUserId, @phoneNumber, @at)
            ON CONFLICT (agent_id) DO UPDATE SET acs_user_id = excluded.acs_user_id, phone_number = excluded.phone_number, updated_at = excluded.updated_at
            """, new { agentId, acsUserId, phoneNumber, at }, cancellationToken: ct));
    }

    public async Task<(string? AcsUserId, string? PhoneNumber)?> GetAgentEndpointAsync(string agentId, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = (await connection.QueryAsync<(string? AcsUserId, string? PhoneNumber)>(new CommandDefinition(
            "SELECT acs_user_id, phone_number FROM voice_agent_endpoints WHERE agent_id = @agentId", new { agentId }, cancellationToken: ct))).ToList();
        return rows is [var row] ? row : null;
    }

    private async Task<VoiceCall?> FindAsync(string where, string value, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<VoiceCall>(new CommandDefinition(
            $"SELECT {Columns} FROM voice_calls WHERE {where}", new { value }, cancellationToken: ct));
    }
}
