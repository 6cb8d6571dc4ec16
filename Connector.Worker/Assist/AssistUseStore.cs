using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.Assist;

/// <summary>The agents' uses of suggestions (migration 0032), and the usage per suggestion they add up to.</summary>
internal sealed class AssistUseStore(SqlDialect dialect)
{
    public async Task AddAsync(AssistUse u, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO assist_uses (id, conversation_id, agent_id, kind, suggestion_id, action_taken, text, source_use, at)
            VALUES (@Id, @ConversationId, @AgentId, @Kind, @SuggestionId, @Action, @Text, @SourceUse, @At)
            ON CONFLICT DO NOTHING
            """,
            u, cancellationToken: ct));
    }

    /// <summary>The agent's inserts on the conversation since <paramref name="since"/> that no sent reply has matched yet, newest first.</summary>
    public async Task<IReadOnlyList<AssistUse>> OpenInsertsAsync(Guid conversationId, string agentId, DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM assist_uses u
            WHERE u.conversation_id = @conversationId AND u.agent_id = @agentId AND u.action_taken = @inserted AND u.at >= @since
            AND NOT EXISTS (SELECT 1 FROM assist_uses m WHERE m.source_use = u.id)
            ORDER BY u.at DESC
            """,
            new { conversationId, agentId, since, inserted = AssistUse.Inserted }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToUse())];
    }

    public async Task<IReadOnlyList<AssistUse>> ForConversationAsync(Guid conversationId, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM assist_uses u WHERE u.conversation_id = @conversationId ORDER BY u.at, u.id", new { conversationId }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToUse())];
    }

    /// <summary>Per suggestion, every action counted, most inserted first; <paramref name="kind"/> null for every kind.</summary>
    public async Task<IReadOnlyList<SuggestionUsage>> UsageAsync(string? kind, int limit, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<UsageRow>(new CommandDefinition(
            $"""
            SELECT u.kind, u.suggestion_id,
                   MAX(CASE WHEN u.kind = 'article' THEN a.title WHEN u.kind = 'reply' THEN r.text END) AS title,
                   MAX(CASE WHEN u.kind = 'article' THEN a.state WHEN u.kind = 'reply' THEN r.state END) AS state,
                   SUM(CASE WHEN u.action_taken = 'shown' THEN 1 ELSE 0 END) AS shown,
                   SUM(CASE WHEN u.action_taken = 'inserted' THEN 1 ELSE 0 END) AS inserted,
                   SUM(CASE WHEN u.action_taken = 'sent' THEN 1 ELSE 0 END) AS sent,
                   SUM(CASE WHEN u.action_taken = 'dismissed' THEN 1 ELSE 0 END) AS dismissed,
                   SUM(CASE WHEN u.action_taken = 'used' THEN 1 ELSE 0 END) AS used,
                   COUNT(DISTINCT u.agent_id) AS agents,
                   MAX(u.at) AS last_at
            FROM assist_uses u
            LEFT JOIN knowledge_articles a ON u.kind = 'article' AND CAST(a.id AS text) = u.suggestion_id
            LEFT JOIN assist_replies r ON u.kind = 'reply' AND CAST(r.id AS text) = u.suggestion_id
            {(kind is null ? "" : "WHERE u.kind = @kind")}
            GROUP BY u.kind, u.suggestion_id
            ORDER BY SUM(CASE WHEN u.action_taken = 'inserted' THEN 1 ELSE 0 END) DESC, u.kind, u.suggestion_id
            LIMIT @limit
            """,
            new { kind, limit }, cancellationToken: ct));
        return [.. rows.Select(r => new SuggestionUsage(
            r.Kind, r.SuggestionId, r.Title, r.State, (int)r.Shown, (int)r.Inserted, (int)r.Sent, (int)r.Dismissed, (int)r.Used, (int)r.Agents, r.LastAt))];
    }

    private const string Columns = "u.id, u.conversation_id, u.agent_id, u.kind, u.suggestion_id, u.action_taken, u.text, u.source_use, u.at";

    private sealed class Row
    {
        public Guid Id { get; set; }
        public Guid ConversationId { get; set; }
        public string AgentId { get; set; } = "";
        public string Kind { get; set; } = "";
        public string SuggestionId { get; set; } = "";
        public string ActionTaken { get; set; } = "";
        public string? Text { get; set; }
        public Guid? SourceUse { get; set; }
        public DateTimeOffset At { get; set; }

        public AssistUse ToUse() => new(Id, ConversationId, AgentId, Kind, SuggestionId, ActionTaken, Text, SourceUse, At);
    }

    private sealed class UsageRow
    {
        public string Kind { get; set; } = "";
        public string SuggestionId { get; set; } = "";
        public string? Title { get; set; }
        public string? State { get; set; }
        public long Shown { get; set; }
        public long Inserted { get; set; }
        public long Sent { get; set; }
        public long Dismissed { get; set; }
        public long Used { get; set; }
        public long Agents { get; set; }
        public DateTimeOffset LastAt { get; set; }
    }
}
