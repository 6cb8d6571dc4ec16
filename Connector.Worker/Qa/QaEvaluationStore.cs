using System.Text.Json;
using Connector.Core.Qa;
using Connector.Core.Storage;
using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.Qa;

/// <summary>The kept evaluations: one per task and form (a replayed job adds nothing), listed oldest first by when the work ended.</summary>
internal sealed class QaEvaluationStore(SqlDialect dialect)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <returns>False when the task already has an evaluation on this form.</returns>
    public async Task<bool> AddAsync(StoredQaEvaluation e, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO qa_evaluations (id, conversation_id, task_id, form, channel, queue, agent_id, score, ended_at, evaluated_at, answers)
            VALUES (@Id, @ConversationId, @TaskId, @Form, @Channel, @Queue, @AgentId, @Score, @EndedAt, @EvaluatedAt, @answers)
            ON CONFLICT (task_id, form) DO NOTHING
            """,
            new { e.Id, e.ConversationId, e.TaskId, e.Form, e.Channel, e.Queue, e.AgentId, e.Score, e.EndedAt, e.EvaluatedAt, answers = JsonSerializer.Serialize(e.Answers, Json) },
            cancellationToken: ct)) > 0;
    }

    public async Task<IReadOnlyList<StoredQaEvaluation>> ListForTaskAsync(Guid taskId, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"{Select} WHERE task_id = @taskId ORDER BY form", new { taskId }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToEvaluation())];
    }

    public async Task<StoredQaEvaluation?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"{Select} WHERE id = @id", new { id }, cancellationToken: ct));
        return row?.ToEvaluation();
    }

    /// <param name="scope">Whose evaluations the reader may see: an agent's own, a supervisor's queues' too, everything for an admin.</param>
    public async Task<Page<StoredQaEvaluation>> ListAsync(QaEvaluationQuery query, WorkScope scope, CancellationToken ct)
    {
        var where = new List<string>();
        if (query.From is not null)
        {
            where.Add("ended_at >= @From");
        }

        if (query.To is not null)
        {
            where.Add("ended_at < @To");
        }

        if (query.AgentId is not null)
        {
            where.Add("agent_id = @AgentId");
        }

        if (query.Channel is not null)
        {
            where.Add("channel = @Channel");
        }

        if (query.After is not null)
        {
            where.Add("(ended_at > @afterAt OR (ended_at = @afterAt AND id > @afterId))");
        }

        if (scope.Queues is { } queues)
        {
            where.Add(queues.Count == 0 ? "agent_id = @scopeAgent" : $"(agent_id = @scopeAgent OR {dialect.In("queue", "scopeQueues")})");
        }

        var sql = $"{Select} {(where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where))} ORDER BY ended_at, id LIMIT @take";
        await using var connection = await dialect.OpenAsync(ct);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(sql, new
        {
            query.From,
            query.To,
            query.AgentId,
            query.Channel,
            afterAt = query.After?.At,
            afterId = query.After?.Id,
            scopeAgent = scope.AgentId ?? "",
            scopeQueues = scope.Queues?.ToArray() ?? [],
            take = query.Limit + 1,
        }, cancellationToken: ct))).ToList();
        return new Page<StoredQaEvaluation>([.. rows.Take(query.Limit).Select(r => r.ToEvaluation())], rows.Count > query.Limit);
    }

    private const string Select =
        "SELECT id, conversation_id, task_id, form, channel, queue, agent_id, score, ended_at, evaluated_at, answers FROM qa_evaluations";

    private sealed class Row
    {
        public Guid Id { get; set; }
        public Guid ConversationId { get; set; }
        public Guid TaskId { get; set; }
        public string Form { get; set; } = "";
        public string Channel { get; set; } = "";
        public string? Queue { get; set; }
        public string AgentId { get; set; } = "";
        public double? Score { get; set; }
        public DateTimeOffset EndedAt { get; set; }
        public DateTimeOffset EvaluatedAt { get; set; }
        public string Answers { get; set; } = "[]";

        public StoredQaEvaluation ToEvaluation() => new(
            Id, ConversationId, TaskId, Form, Channel, Queue, AgentId, Score, EndedAt, EvaluatedAt,
            JsonSerializer.Deserialize<List<QaAnswer>>(Answers, Json) ?? []);
    }
}
