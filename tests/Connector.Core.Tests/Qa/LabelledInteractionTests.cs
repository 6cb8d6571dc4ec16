using System.Globalization;
using Connector.Core.Charter;
using Connector.Core.Qa;
using Connector.Core.Routing.Policy;

namespace Connector.Core.Tests.Qa;

/// <summary>
/// The acceptance of QA on all four channels: forty interactions written and labelled by hand (Labelled/), scored by
/// the charter's rules. Per rule question the rules must agree with the labels beyond chance (Cohen's κ ≥ 0.6), every
/// interaction's total must lie within 10 points of the labels' total, and every answer that counts cites its turns.
/// </summary>
public sealed class LabelledInteractionTests
{
    private const double MinKappa = 0.6;
    private const double MaxTotalDifference = 10;

    private static readonly RoutingPolicy Policy = CharterLoader.Load(Path.Combine(LabelledInteraction.Folder(), "charter.yaml"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_labelled_set_has_at_least_forty_interactions_on_each_of_the_four_channels()
    {
        var set = LabelledInteraction.Load();

        Assert.True(set.Count >= 40, $"{set.Count} interactions");
        Assert.Equal(4, set.Select(i => i.Interaction.Channel).Distinct().Count());
        Assert.All(set.GroupBy(i => i.Interaction.Channel), g => Assert.True(g.Count() >= 8, $"{g.Key}: {g.Count()}"));
    }

    [Fact]
    public async Task The_rules_agree_with_the_hand_labels_per_question_and_each_total_is_within_ten_points()
    {
        var scored = await ScoreAsync(LabelledInteraction.Load(), "labelled set");

        Assert.Empty(scored.Uncited);
        var weak = scored.Kappas.Where(k => !(k.Value >= MinKappa)).Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Key} κ={k.Value:0.000}")).ToList();
        Assert.True(weak.Count == 0, $"questions below κ {MinKappa}: {string.Join(", ", weak)}");
        var far = scored.Totals.Where(d => !(Math.Abs(d.Labelled - d.Scored) <= MaxTotalDifference))
            .Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Id}: labelled {d.Labelled:0.0}, scored {d.Scored:0.0}")).ToList();
        Assert.True(far.Count == 0, $"totals more than {MaxTotalDifference} points from the labels: {string.Join("; ", far)}");
    }

    /// <summary>The fairer figure: interactions the phrase lists were never changed for. Printed, not held to the bar (twelve are too few for a stable κ).</summary>
    [Fact]
    public async Task The_held_out_interactions_are_scored_and_every_answer_cites_its_turns()
    {
        var set = LabelledInteraction.Load("interactions.heldout.txt");
        var scored = await ScoreAsync(set, "held-out set");

        Assert.Equal(12, set.Count);
        Assert.Empty(scored.Uncited);
        Assert.All(scored.Totals, t => Assert.False(double.IsNaN(t.Scored), t.Id));
    }

    private static async Task<Scored> ScoreAsync(IReadOnlyList<LabelledInteraction> set, string name)
    {
        var output = TestContext.Current.TestOutputHelper;
        var evaluator = new FormEvaluator();
        var pairs = new Dictionary<string, List<(string Label, string Rule)>>(StringComparer.Ordinal);
        var totals = new List<(string Id, double Labelled, double Scored)>();
        var uncited = new List<string>();
        foreach (var labelled in set)
        {
            var form = Policy.QaForms.Single(f => f.AppliesTo(labelled.Interaction.Channel, null));
            var evaluation = await evaluator.EvaluateAsync(form, labelled.Interaction, Policy.For(labelled.Interaction.Channel), Ct);
            foreach (var answer in evaluation.Answers)
            {
                var question = form.Questions.Single(q => q.Id == answer.Question);
                var (label, rule) = (labelled.Labels.GetValueOrDefault(answer.Question, "n/a"), answer.Choice ?? "n/a");
                if (question.Answerer is PhraseRule or MetricRule { Metric: not QaMetric.SentimentImproves })
                {
                    var key = $"{form.Name}.{answer.Question}";
                    (pairs.TryGetValue(key, out var list) ? list : pairs[key] = []).Add((label, rule));
                    if (label != rule)
                    {
                        output?.WriteLine($"{name}: disagreement {labelled.Id}.{answer.Question}: labelled {label}, rule {rule} ({answer.Reason})");
                    }
                }

                if (answer.Choice is not null && (answer.Turns.Count == 0 || answer.Refs.Count != answer.Turns.Count
                    || answer.Refs.Any(r => !labelled.Interaction.Turns.Any(t => t.Ref == r))))
                {
                    uncited.Add($"{labelled.Id}.{answer.Question}");
                }
            }

            totals.Add((labelled.Id, LabelledTotal(form, labelled), evaluation.Score ?? double.NaN));
        }

        var kappas = pairs.ToDictionary(p => p.Key, p => CohensKappa.Of(p.Value), StringComparer.Ordinal);
        foreach (var (question, kappa) in kappas.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var agree = pairs[question].Count(p => p.Label == p.Rule);
            output?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: κ {question,-28} {kappa,6:0.000}   agreement {agree}/{pairs[question].Count}   labelled yes {pairs[question].Count(p => p.Label == "yes")}, no {pairs[question].Count(p => p.Label == "no")}"));
        }

        output?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: mean absolute total difference {totals.Average(d => Math.Abs(d.Labelled - d.Scored)):0.00} points over {totals.Count} interactions; largest {totals.Max(d => Math.Abs(d.Labelled - d.Scored)):0.0}"));
        return new Scored(kappas, totals, uncited);
    }

    /// <summary>The labels' own total: the reviewer's answers weighted by the form, N/A left out as the evaluator does.</summary>
    private static double LabelledTotal(EvaluationForm form, LabelledInteraction labelled)
    {
        var answered = form.Questions.Where(q => labelled.Labels.ContainsKey(q.Id)).ToList();
        return Math.Round(100 * answered.Sum(q => q.Weight * q.Share(labelled.Labels[q.Id])) / answered.Sum(q => q.Weight), 1);
    }

    private sealed record Scored(Dictionary<string, double> Kappas, List<(string Id, double Labelled, double Scored)> Totals, List<string> Uncited);
}
