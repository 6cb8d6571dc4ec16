using Connector.Core.Qa;

namespace Connector.Worker.Qa;

/// <summary>An evaluation as the API shows it; the list leaves out the answers, the single view carries them with their citations.</summary>
internal sealed record QaEvaluationResponse(
    Guid Id, Guid ConversationId, Guid TaskId, string Form, string Channel, string? Queue, string AgentId, double? Score,
    DateTimeOffset EndedAt, DateTimeOffset EvaluatedAt, IReadOnlyList<QaAnswerResponse>? Answers)
{
    public static QaEvaluationResponse Summary(StoredQaEvaluation e) => From(e, null);

    public static QaEvaluationResponse Full(StoredQaEvaluation e) => From(e, [.. e.Answers.Select(QaAnswerResponse.From)]);

    private static QaEvaluationResponse From(StoredQaEvaluation e, IReadOnlyList<QaAnswerResponse>? answers) =>
        new(e.Id, e.ConversationId, e.TaskId, e.Form, e.Channel, e.Queue, e.AgentId, e.Score, e.EndedAt, e.EvaluatedAt, answers);
}

/// <param name="Choice">Null for N/A.</param>
/// <param name="Citations">The turns it rests on: their index in the interaction and their timeline event (<c>{id}#{line}</c> for a transcript phrase).</param>
internal sealed record QaAnswerResponse(string Section, string Question, string? Choice, double Weight, double? Points, string Reason, IReadOnlyList<QaCitation> Citations)
{
    public static QaAnswerResponse From(QaAnswer a) =>
        new(a.Section, a.Question, a.Choice, a.Weight, a.Points, a.Reason, [.. a.Turns.Zip(a.Refs, (turn, at) => new QaCitation(turn, at))]);
}

/// <param name="TimelineEvent">The timeline event's id, with <c>#line</c> for a line of a call transcript.</param>
internal sealed record QaCitation(int Turn, string TimelineEvent);
