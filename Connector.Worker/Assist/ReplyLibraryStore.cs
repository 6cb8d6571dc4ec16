using System.Text.Json;
using Connector.Ai.Assist;
using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.Assist;

/// <summary>The reply library (migration 0032), and the sent replies it is mined from.</summary>
internal sealed class ReplyLibraryStore(SqlDialect dialect)
{
    /// <summary>
    /// The agents' replies that went out (a failed one was never read by a customer), their text as the timeline keeps
    /// it (redacted when it was recorded), sent at or after <paramref name="since"/>.
    /// </summary>
    public async Task<IReadOnlyList<PastReply>> SentRepliesAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string AgentId, string Text)>(new CommandDefinition(
            """
            SELECT r.agent_id, e.text FROM agent_replies r JOIN timeline_events e ON e.id = r.timeline_event_id
            WHERE r.state = 'sent' AND r.created_at >= @since AND e.text IS NOT NULL
            """,
            new { since }, cancellationToken: ct));
        return [.. rows.Select(r => new PastReply(r.AgentId, r.Text))];
    }

    /// <summary>
    /// Adds what is new as a candidate; a group already in the library (by its key) gets its new counts, and keeps its
    /// state and its admin's wording: a rejected reply is not offered for review again.
    /// </summary>
    public async Task<(int Added, int Updated)> MergeAsync(IReadOnlyList<MinedReply> mined, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var (added, updated) = (0, 0);
        foreach (var m in mined)
        {
            var variants = JsonSerializer.Serialize(m.Variants);
            var changed = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE assist_replies SET sent_count = @SentCount, agent_count = @AgentCount, variants = @variants, mined_at = @at WHERE group_key = @Key",
                new { m.SentCount, m.AgentCount, variants, at, m.Key }, tx, cancellationToken: ct));
            if (changed == 0)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO assist_replies (id, group_key, text, mined_text, variants, state, sent_count, agent_count, mined_at)
                    VALUES (@id, @Key, @Text, @Text, @variants, @state, @SentCount, @AgentCount, @at)
                    """,
                    new { id = Guid.CreateVersion7(), m.Key, m.Text, variants, state = LibraryReply.Candidate, m.SentCount, m.AgentCount, at }, tx, cancellationToken: ct));
                added++;
            }
            else
            {
                updated++;
            }
        }

        await tx.CommitAsync(ct);
        return (added, updated);
    }

    public async Task<LibraryReply?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"{Select} WHERE id = @id", new { id }, cancellationToken: ct));
        return row?.ToReply();
    }

    /// <param name="state">Null: every state.</param>
    public async Task<IReadOnlyList<LibraryReply>> ListAsync(string? state, int limit, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"{Select} {(state is null ? "" : "WHERE state = @state")} ORDER BY sent_count DESC, agent_count DESC, id LIMIT @limit",
            new { state, limit }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToReply())];
    }

    /// <returns>False when no reply has the id.</returns>
    public async Task<bool> ReviewAsync(Guid id, string state, string text, string reviewedBy, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE assist_replies SET state = @state, text = @text, reviewed_by = @reviewedBy, reviewed_at = @at WHERE id = @id",
            new { id, state, text, reviewedBy, at }, cancellationToken: ct)) == 1;
    }

    private const string Select =
        "SELECT id, group_key, text, mined_text, variants, state, sent_count, agent_count, mined_at, reviewed_by, reviewed_at FROM assist_replies";

    private sealed class Row
    {
        public Guid Id { get; set; }
        public string GroupKey { get; set; } = "";
        public string Text { get; set; } = "";
        public string MinedText { get; set; } = "";
        public string Variants { get; set; } = "[]";
        public string State { get; set; } = "";
        public int SentCount { get; set; }
        public int AgentCount { get; set; }
        public DateTimeOffset MinedAt { get; set; }
        public string? ReviewedBy { get; set; }
        public DateTimeOffset? ReviewedAt { get; set; }

        public LibraryReply ToReply() => new(
            Id, GroupKey, Text, MinedText, JsonSerializer.Deserialize<List<string>>(Variants) ?? [], State, SentCount, AgentCount, MinedAt, ReviewedBy, ReviewedAt);
    }
}
