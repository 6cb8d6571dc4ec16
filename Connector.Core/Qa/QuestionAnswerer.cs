namespace Connector.Core.Qa;

/// <summary>What answers a question: <see cref="PhraseRule"/>, <see cref="MetricRule"/> or <see cref="AiQuestion"/>.</summary>
public abstract record QuestionAnswerer;

/// <summary>Which of the agent's turns a phrase rule reads.</summary>
public enum TurnScope
{
    /// <summary>The first <see cref="PhraseRule.Turns"/> agent turns (a greeting, the recorded-line notice).</summary>
    First,

    /// <summary>The last <see cref="PhraseRule.Turns"/> agent turns (a closing).</summary>
    Last,

    /// <summary>Every agent turn (empathy, a solution, words that must never be said).</summary>
    Any,
}

/// <summary>
/// Phrases present (or, with <paramref name="Absent"/>, absent) in the agent's turns. A phrase matches whole words,
/// case and punctuation aside; a <c>*</c> ends a word with any ending (<c>apologi*</c>).
/// </summary>
public sealed record PhraseRule(IReadOnlyList<string> Phrases, TurnScope In, int Turns, bool Absent) : QuestionAnswerer
{
    public PhraseMatcher Matcher { get; } = new(Phrases);
}

/// <summary>The measurable questions.</summary>
public enum QaMetric
{
    /// <summary>The agent answered within the channel's first-response target (voice: the call answered within its answer target).</summary>
    FirstResponse,

    /// <summary>The interaction, first turn to last, took no longer than <see cref="MetricRule.Within"/>.</summary>
    HandleTime,

    /// <summary>The customer's sentiment ended no worse than it started, and not negative (needs an <c>ISentimentScorer</c>).</summary>
    SentimentImproves,
}

/// <param name="Within">The limit: required for handle time; for first response it overrides the channel's target.</param>
public sealed record MetricRule(QaMetric Metric, TimeSpan? Within) : QuestionAnswerer;

/// <summary>A question only a language model can answer (was the explanation clear?); N/A without an AI service.</summary>
public sealed record AiQuestion(string Prompt) : QuestionAnswerer;
