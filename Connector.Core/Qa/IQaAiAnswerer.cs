namespace Connector.Core.Qa;

/// <summary>
/// The port for questions only a language model can answer. Nothing implements it yet: without it those questions are
/// N/A. An implementation answers with one of the question's choices and the turns it rests on, or null to leave the
/// question N/A (the service failed, or did not cite turns).
/// </summary>
public interface IQaAiAnswerer
{
    ValueTask<QaAiAnswer?> AnswerAsync(FormQuestion question, AiQuestion ask, QaInteraction interaction, CancellationToken ct);
}

/// <param name="Turns">Indexes of <see cref="QaInteraction.Turns"/>; at least one.</param>
public sealed record QaAiAnswer(string Choice, string Reason, IReadOnlyList<int> Turns);
