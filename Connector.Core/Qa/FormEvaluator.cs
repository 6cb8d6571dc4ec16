using System.Globalization;
using Connector.Core.Channels;
using Connector.Core.Insight;
using Connector.Core.Routing.Policy;

namespace Connector.Core.Qa;

/// <summary>
/// Answers a form's questions over one interaction and totals them. Every answer that counts cites the turns it
/// rests on: the turns where a phrase was found, or the turns searched when it was not; the two moments a metric
/// measured between. The sentiment scorer and the AI are optional: without them their questions are N/A.
/// </summary>
public sealed class FormEvaluator(ISentimentScorer? sentiment = null, IQaAiAnswerer? ai = null)
{
    public async Task<QaEvaluation> EvaluateAsync(EvaluationForm form, QaInteraction interaction, ChannelPolicy channel, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(interaction);
        ArgumentNullException.ThrowIfNull(channel);
        var answers = new List<QaAnswer>();
        foreach (var section in form.Sections)
        {
            foreach (var question in section.Questions)
            {
                var outcome = await AnswerAsync(question, interaction, channel, ct);
                if (outcome.Choice is null && !question.AllowNa && outcome.Asked)
                {
                    outcome = outcome with { Choice = FormQuestion.No, Reason = $"{outcome.Reason}; N/A is not allowed, so it counts as no" };
                }

                var turns = outcome.Turns.Distinct().Order().ToList();
                answers.Add(new QaAnswer(
                    section.Name, question.Id, outcome.Choice, question.Weight,
                    outcome.Choice is null ? null : question.Weight * question.Share(outcome.Choice),
                    outcome.Reason, turns, [.. turns.Select(i => interaction.Turns[i].Ref)]));
            }
        }

        var counted = answers.Where(a => a.Points is not null).ToList();
        var weight = counted.Sum(a => a.Weight);
        double? score = weight <= 0 ? null : Math.Round(100 * counted.Sum(a => a.Points!.Value) / weight, 1);
        return new QaEvaluation(form.Name, score, answers);
    }

    private async ValueTask<Outcome> AnswerAsync(FormQuestion question, QaInteraction interaction, ChannelPolicy channel, CancellationToken ct)
    {
        if (!question.Channels.Contains(interaction.Channel))
        {
            return new Outcome(null, $"not asked on {interaction.Channel.ToName()}", [], Asked: false);
        }

        return question.Answerer switch
        {
            PhraseRule rule => Phrases(rule, interaction),
            MetricRule { Metric: QaMetric.FirstResponse } rule => FirstResponse(rule, interaction, channel),
            MetricRule { Metric: QaMetric.HandleTime } rule => HandleTime(rule, interaction),
            MetricRule { Metric: QaMetric.SentimentImproves } => await SentimentAsync(interaction, ct),
            AiQuestion ask => await AiAsync(question, ask, interaction, ct),
            _ => throw new InvalidOperationException($"Question {question.Id} has no answerer QA knows."),
        };
    }

    private static Outcome Phrases(PhraseRule rule, QaInteraction interaction)
    {
        var agent = interaction.Of(QaSpeaker.Agent).ToList();
        if (agent.Count == 0)
        {
            return new Outcome(null, "the agent wrote or said nothing", []);
        }

        var read = rule.In switch
        {
            TurnScope.First => agent.Take(rule.Turns).ToList(),
            TurnScope.Last => agent.TakeLast(rule.Turns).ToList(),
            _ => agent,
        };
        var found = read.Select(t => (Turn: t, Phrase: rule.Matcher.Find(t.Text))).Where(f => f.Phrase is not null).ToList();
        var where = rule.In switch
        {
            TurnScope.First => rule.Turns == 1 ? "the first agent turn" : $"the first {rule.Turns} agent turns",
            TurnScope.Last => rule.Turns == 1 ? "the last agent turn" : $"the last {rule.Turns} agent turns",
            _ => "the agent's turns",
        };
        var said = string.Join(", ", found.Select(f => $"'{f.Phrase}'").Distinct());
        if (rule.Absent)
        {
            return found.Count == 0
                ? new Outcome(FormQuestion.Yes, $"none of the phrases in {where}", [.. read.Select(t => t.Index)])
                : new Outcome(FormQuestion.No, $"{said} in {where}", [.. found.Select(f => f.Turn.Index)]);
        }

        return found.Count > 0
            ? new Outcome(FormQuestion.Yes, $"{said} in {where}", [.. found.Select(f => f.Turn.Index)])
            : new Outcome(FormQuestion.No, $"none of the phrases in {where}", [.. read.Select(t => t.Index)]);
    }

    /// <summary>Voice: the call answered within its answer target; the other channels: the agent's first words within the first-response target.</summary>
    private static Outcome FirstResponse(MetricRule rule, QaInteraction interaction, ChannelPolicy channel)
    {
        var target = rule.Within ?? channel.FirstResponseWithin ?? channel.AnswerWithin;
        if (target is not { } within)
        {
            return new Outcome(null, $"{interaction.Channel.ToName()} has no first-response target", []);
        }

        var started = interaction.Turns.FirstOrDefault(t => t is { Speaker: QaSpeaker.System, Text: QaTurn.CallStarted })
            ?? interaction.Of(QaSpeaker.Customer).FirstOrDefault();
        if (started is null)
        {
            return new Outcome(null, "the customer did not start it (outbound work)", []);
        }

        var answered = interaction.Turns.Skip(started.Index + 1).FirstOrDefault(t =>
            started.Speaker == QaSpeaker.System ? t is { Speaker: QaSpeaker.System, Text: QaTurn.CallConnected } : t.Speaker == QaSpeaker.Agent);
        if (answered is null)
        {
            return new Outcome(FormQuestion.No, "no answer from the agent", [started.Index]);
        }

        var took = answered.At - started.At;
        return new Outcome(took <= within ? FormQuestion.Yes : FormQuestion.No, $"answered after {Show(took)} (target {Show(within)})", [started.Index, answered.Index]);
    }

    private static Outcome HandleTime(MetricRule rule, QaInteraction interaction)
    {
        if (interaction.Turns.Count < 2)
        {
            return new Outcome(null, "fewer than two turns", []);
        }

        var (first, last) = (interaction.Turns[0], interaction.Turns[^1]);
        var took = last.At - first.At;
        var within = rule.Within!.Value;
        return new Outcome(took <= within ? FormQuestion.Yes : FormQuestion.No, $"handled in {Show(took)} (limit {Show(within)})", [first.Index, last.Index]);
    }

    private async ValueTask<Outcome> SentimentAsync(QaInteraction interaction, CancellationToken ct)
    {
        if (sentiment is null)
        {
            return new Outcome(null, "no sentiment scorer is configured", [], Asked: false);
        }

        var customer = interaction.Of(QaSpeaker.Customer).Where(t => !string.IsNullOrWhiteSpace(t.Text)).ToList();
        if (customer.Count < 2)
        {
            return new Outcome(null, "the customer spoke fewer than twice", []);
        }

        var start = await sentiment.ScoreAsync(customer[0].Text, ct);
        var end = await sentiment.ScoreAsync(customer[^1].Text, ct);
        var better = end.Value > start.Value || (start.Value >= 0 && end.Value >= 0);
        var reason = string.Create(CultureInfo.InvariantCulture, $"customer sentiment {start.Value:0.00} → {end.Value:0.00} ({start.Method}; {end.Method})");
        return new Outcome(better ? FormQuestion.Yes : FormQuestion.No, reason, [customer[0].Index, customer[^1].Index]);
    }

    private async ValueTask<Outcome> AiAsync(FormQuestion question, AiQuestion ask, QaInteraction interaction, CancellationToken ct)
    {
        if (ai is null)
        {
            return new Outcome(null, "needs the AI, and no AI service is configured", [], Asked: false);
        }

        var answer = await ai.AnswerAsync(question, ask, interaction, ct);
        if (answer is null || !question.Choices.ContainsKey(answer.Choice) || answer.Turns.Count == 0
            || answer.Turns.Any(i => i < 0 || i >= interaction.Turns.Count))
        {
            // An answer that names no choice of the form, or cites no real turn, is not one to score on.
            return new Outcome(null, "the AI gave no usable answer", [], Asked: false);
        }

        return new Outcome(answer.Choice, answer.Reason, answer.Turns);
    }

    private static string Show(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:00}m"
        : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes}m{t.Seconds:00}s" : $"{(int)t.TotalSeconds}s";

    /// <param name="Asked">False when the question was not put at all (another channel, no scorer, no AI): N/A even where N/A is not allowed.</param>
    private sealed record Outcome(string? Choice, string Reason, IReadOnlyList<int> Turns, bool Asked = true);
}
