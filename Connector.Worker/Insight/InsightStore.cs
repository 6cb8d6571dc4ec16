using System.Text.Json;
using Connector.Core.Insight;
using Connector.Core.Storage;
using Connector.Worker.InteractionAnalysis;
using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.Insight;

/// <summary>
/// The kept insight: one summary per task with its turns, written together (a replayed job adds nothing), read back
/// per task, per conversation (the timeline) and per interval (the aggregates). The agents holding the conversation are
/// told in the same transaction (<c>insightAvailable</c>): the analysis lands after their panel read the conversation.
/// </summary>
internal sealed class InsightStore(SqlDialect dialect, IChangeNotices? notices = null) : InteractionAnalysisStore(dialect)
{
    /// <returns>False when the task already had its insight (nothing is written then).</returns>
    public async Task<bool> AddAsync(StoredInsight i, CancellationToken ct)
    {
        await using var connection = await Dialect.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var added = await KeepOnceAsync(connection, tx, """
            INSERT INTO insight_interactions (id, conversation_id, task_id, channel, queue, agent_id, ended_at, analysed_at,
                turn_count, overall, start_sentiment, end_sentiment, participants, topics)
            VALUES (@Id, @ConversationId, @TaskId, @Channel, @Queue, @AgentId, @EndedAt, @AnalysedAt, @TurnCount, @Overall, @Start, @End, @participants, @topics)
            ON CONFLICT (task_id) DO NOTHING
            """,
            new
            {
                i.Id,
                i.ConversationId,
                i.TaskId,
                i.Channel,
                i.Queue,
                i.AgentId,
                i.EndedAt,
                i.AnalysedAt,
                i.TurnCount,
                i.Overall,
                i.Start,
                i.End,
                participants = JsonSerializer.Serialize(i.Participants, Json),
                topics = JsonSerializer.Serialize(i.Topics, Json),
            },
            ct);
        if (added)
        {
            foreach (var t in i.Turns)
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO insight_turns (task_id, turn_index, conversation_id, timeline_event_id, line, speaker, at, sentiment, confidence, method, topics)
                    VALUES (@taskId, @Index, @conversationId, @eventId, @Line, @Speaker, @At, @Sentiment, @Confidence, @Method, @topics)
                    """,
                    new
                    {
                        taskId = i.TaskId,
                        t.Index,
                        conversationId = i.ConversationId,
                        eventId = t.TimelineEventId,
                        t.Line,
                        t.Speaker,
                        t.At,
                        t.Sentiment,
                        t.Confidence,
                        t.Method,
                        topics = JsonSerializer.Serialize(t.Topics, Json),
                    },
                    tx, cancellationToken: ct));
            }
        }

        var deliver = added && notices is not null ? await notices.InsightKeptAsync(connection, tx, i.ConversationId, i.TaskId, ct) : null;
        await tx.CommitAsync(ct);
        if (deliver is not null)
        {
            await deliver();
        }

        return added;
    }

    public async Task<StoredInsight?> GetForTaskAsync(Guid taskId, CancellationToken ct) =>
        (await ReadAsync("WHERE task_id = @taskId", new { taskId }, ct)).SingleOrDefault();

    /// <summary>Every analysed task of a conversation, in the order its work ended.</summary>
    public Task<IReadOnlyList<StoredInsight>> ListForConversationAsync(Guid conversationId, CancellationToken ct) =>
        ReadAsync("WHERE conversation_id = @conversationId", new { conversationId }, ct);

    /// <summary>The interactions whose work ended in the interval, without their turns, as far as the reader may see.</summary>
    public async Task<IReadOnlyList<StoredInsight>> ListEndedAsync(DateTimeOffset? from, DateTimeOffset? to, WorkScope scope, CancellationToken ct)
    {
        var where = Ended(from, to, scope);
        await using var connection = await Dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"{Select} {where.Where} ORDER BY ended_at, id", where.Parameters, cancellationToken: ct));
        return [.. rows.Select(r => r.ToInsight([]))];
    }

    private async Task<IReadOnlyList<StoredInsight>> ReadAsync(string where, object args, CancellationToken ct)
    {
        await using var connection = await Dialect.OpenAsync(ct);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition($"{Select} {where} ORDER BY ended_at, id", args, cancellationToken: ct))).ToList();
        if (rows.Count == 0)
        {
            return [];
        }

        var turns = (await connection.QueryAsync<TurnRow>(new CommandDefinition(
            $"SELECT task_id, turn_index, timeline_event_id, line, speaker, at, sentiment, confidence, method, topics FROM insight_turns WHERE {Dialect.In("task_id", "tasks")} ORDER BY turn_index",
            new { tasks = Dialect.IdList(rows.Select(r => r.TaskId)) }, cancellationToken: ct)))
            .ToLookup(t => t.TaskId);
        return [.. rows.Select(r => r.ToInsight([.. turns[r.TaskId].Select(t => t.ToTurn())]))];
    }

    private const string Select =
        "SELECT id, conversation_id, task_id, channel, queue, agent_id, ended_at, analysed_at, turn_count, overall, start_sentiment, end_sentiment, participants, topics FROM insight_interactions";

    private sealed class Row
    {
        public Guid Id { get; set; }
        public Guid ConversationId { get; set; }
        public Guid TaskId { get; set; }
        public string Channel { get; set; } = "";
        public string? Queue { get; set; }
        public string AgentId { get; set; } = "";
        public DateTimeOffset EndedAt { get; set; }
        public DateTimeOffset AnalysedAt { get; set; }
        public int TurnCount { get; set; }
        public double? Overall { get; set; }
        public double? StartSentiment { get; set; }
        public double? EndSentiment { get; set; }
        public string Participants { get; set; } = "{}";
        public string Topics { get; set; } = "{}";

        public StoredInsight ToInsight(IReadOnlyList<TurnInsight> turns) => new(
            Id, ConversationId, TaskId, Channel, Queue, AgentId, EndedAt, AnalysedAt, TurnCount, Overall, StartSentiment, EndSentiment,
            JsonSerializer.Deserialize<Dictionary<string, double>>(Participants, Json) ?? [],
            JsonSerializer.Deserialize<Dictionary<string, int>>(Topics, Json) ?? [],
            turns);
    }

    private sealed class TurnRow
    {
        public Guid TaskId { get; set; }
        public int TurnIndex { get; set; }
        public Guid TimelineEventId { get; set; }
        public int? Line { get; set; }
        public string Speaker { get; set; } = "";
        public DateTimeOffset At { get; set; }
        public double Sentiment { get; set; }
        public double Confidence { get; set; }
        public string Method { get; set; } = "";
        public string Topics { get; set; } = "[]";

        public TurnInsight ToTurn() => new(
            TurnIndex, Speaker, At, Line is { } line ? $"{TimelineEventId}#{line}" : TimelineEventId.ToString(), Sentiment, Confidence, Method,
            JsonSerializer.Deserialize<List<string>>(Topics, Json) ?? []);
    }
}
