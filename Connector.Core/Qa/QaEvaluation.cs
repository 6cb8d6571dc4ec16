using System.Globalization;

namespace Connector.Core.Qa;

/// <summary>One form's answers for one interaction, and its total.</summary>
/// <param name="Score">0–100: the weighted share earned of the questions answered; null when every question was N/A.</param>
public sealed record QaEvaluation(string Form, double? Score, IReadOnlyList<QaAnswer> Answers)
{
    /// <summary>The one line the CRM activity carries, e.g. <c>QA standard: 85/100 (greeting yes, closing no, …)</c>.</summary>
    public string Summary()
    {
        var score = Score is { } s ? s.ToString("0.#", CultureInfo.InvariantCulture) + "/100" : "n/a";
        return $"QA {Form}: {score} ({string.Join(", ", Answers.Select(a => $"{a.Question} {a.Choice ?? "n/a"}"))})";
    }
}

/// <summary>One question's answer.</summary>
/// <param name="Choice">The answer chosen; null for N/A (left out of the total).</param>
/// <param name="Points">The weight earned; null for N/A.</param>
/// <param name="Reason">Why, in a few words: the phrase found, the time measured, why N/A.</param>
/// <param name="Turns">The indexes of the turns the answer rests on (<see cref="QaTurn.Index"/>).</param>
/// <param name="Refs">The same turns as timeline references (<see cref="QaTurn.Ref"/>).</param>
public sealed record QaAnswer(
    string Section, string Question, string? Choice, double Weight, double? Points, string Reason, IReadOnlyList<int> Turns, IReadOnlyList<string> Refs);
