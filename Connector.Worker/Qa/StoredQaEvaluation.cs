using Connector.Core.Qa;

namespace Connector.Worker.Qa;

/// <summary>One form's evaluation of one finished task, as kept and listed.</summary>
/// <param name="EndedAt">When the work ended (its wrap-up); lists filter and page on it.</param>
internal sealed record StoredQaEvaluation(
    Guid Id, Guid ConversationId, Guid TaskId, string Form, string Channel, string? Queue, string AgentId, double? Score,
    DateTimeOffset EndedAt, DateTimeOffset EvaluatedAt, IReadOnlyList<QaAnswer> Answers)
{
    /// <summary>The line the CRM activity carries (<see cref="QaEvaluation.Summary"/>).</summary>
    public string Summary() => new QaEvaluation(Form, Score, Answers).Summary();
}

/// <summary>The filters of <c>GET /api/qa/evaluations</c>, and the page's position.</summary>
internal sealed record QaEvaluationQuery(
    int Limit, DateTimeOffset? From, DateTimeOffset? To, string? AgentId, string? Channel, (DateTimeOffset At, Guid Id)? After);
