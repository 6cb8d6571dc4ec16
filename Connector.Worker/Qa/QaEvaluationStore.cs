using System.Text.Json;
using Connector.Core.Qa;
using Connector.Core.Storage;
using Connector.Worker.InteractionAnalysis;
using Connector.Worker.Storage;
using Dapper;

namespace Connector.Worker.Qa;

/// <summary>The kept evaluations: one per task and form (a replayed job adds nothing), listed oldest first by when the work ended.</summary>
internal sealed class QaEvaluationStore(SqlDialect dialect) : InteractionAnalysisStore(dialect)
{
    /// <returns>False when the task already has an evaluation on this form.</returns>
    public async Task<bool> AddAsync(StoredQaEvaluation e, CancellationToken ct)
    {
        await using var connection = await Dialect.OpenAsync(ct);
        return await KeepOnceAsync(connection, null, """
            INSERT INTO qa_evaluations (id, conversation_id, task_id, form, channel, queue, agent_id, score, ended_at, evaluated_at, answers)
            VALUES (@Id, @ConversationId, @TaskId, @Form, @Channel, @Queue, @AgentId, @Score, @EndedAt, @EvaluatedAt, @answers)
            ON CONFLICT (task_id, form) DO NOTHING
            """,
            new { e.Id, e.ConversationId, e.TaskId, e.Form, e.Channel, e.Queue, e.AgentId, e.Score, e.EndedAt, e.EvaluatedAt, answers = JsonSerializer.Serialize(e.Answers, Json) },
            ct);
    }

    public async Task<IReadOnlyList<StoredQaEvaluation>> ListForTaskAsync(Guid taskId, CancellationToken ct)
    {
        await using var connection = await Dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"{Select} WHERE task_id = @taskId ORDER BY form", new { taskId }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToEvaluation())];
    }

    public async Task<StoredQaEvaluation?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await Dialect.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"{Select} WHERE id = @id", new { id }, cancellationToken: ct));
        return row?.ToEvaluation();
    }

    /// <param name="scope">Whose evaluations the reader may see: an agent's own, a supervisor's queues' too, everything for an admin.</param>
    public async Task<Page<StoredQaEvaluation>> ListAsync(QaEvaluationQuery query, WorkScope scope, CancellationToken ct)
    {
        var where = Ended(query.From, query.To, scope)
            .AddIf(query.AgentId is not null, "agent_id = @AgentId", new { query.AgentId })
            .AddIf(query.Channel is not null, "channel = @Channel", new { query.Channel })
            .AddIf(query.After is not null, "ended_at > @afterAt OR (ended_at = @afterAt AND id > @afterId)", new { afterAt = query.After?.At, afterId = query.After?.Id });
        where.Parameters.AddDynamicParams(new { take = query.Limit + 1 });
        await using var connection = await Dialect.OpenAsync(ct);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(
            $"{Select} {where.Where} ORDER BY ended_at, id LIMIT @take", where.Parameters, cancellationToken: ct))).ToList();
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
