using Connector.Core.Channels;
using Connector.Core.Qa;
using YamlDotNet.RepresentationModel;

namespace Connector.Core.Charter;

/// <summary>
/// <c>qa:</c> the evaluation forms every finished interaction is scored against: <c>forms:</c> name → the channels and
/// queues it scores and its <c>sections:</c>, each a mapping of question id → text, weight, choices, N/A, and exactly
/// one answerer: a phrase <c>rule</c>, a <c>metric</c> or <c>ai</c>. Each mistake names its field.
/// </summary>
internal static class QaSection
{
    public const string Name = "qa";

    private static readonly string[] SectionKeys = ["forms"];
    private static readonly string[] FormKeys = ["channels", "queues", "sections"];
    private static readonly string[] QuestionKeys = ["text", "weight", "choices", "na", "channels", "rule", "metric", "within", "ai"];
    private static readonly string[] RuleKeys = ["phrases", "in", "turns", "absent"];
    private static readonly string[] Answerers = ["rule", "metric", "ai"];

    private static readonly Dictionary<string, TurnScope> Scopes = new(StringComparer.Ordinal)
    {
        ["first"] = TurnScope.First,
        ["last"] = TurnScope.Last,
        ["any"] = TurnScope.Any,
    };

    private static readonly Dictionary<string, QaMetric> Metrics = new(StringComparer.Ordinal)
    {
        ["firstResponse"] = QaMetric.FirstResponse,
        ["handleTime"] = QaMetric.HandleTime,
        ["sentimentImproves"] = QaMetric.SentimentImproves,
    };

    public static void Read(CharterReader reader, YamlNode node, CharterDraft draft)
    {
        var fields = reader.Fields(node, Name, SectionKeys);
        if (!fields.TryGet("forms", out var forms, out var formsField))
        {
            return;
        }

        foreach (var (name, _, value) in reader.Entries(forms, formsField))
        {
            if (Form(reader, name, value, CharterReader.Path(formsField, name), draft) is { } form)
            {
                draft.QaForms.Add(form);
            }
        }
    }

    private static EvaluationForm? Form(CharterReader reader, string name, YamlNode node, string field, CharterDraft draft)
    {
        var fields = reader.Fields(node, field, FormKeys);
        IReadOnlyList<Channel> channels = Enum.GetValues<Channel>();
        if (fields.TryGet("channels", out var n, out var f))
        {
            channels = reader.Channels(n, f);
            if (channels.Count == 0)
            {
                reader.Error(n, f, "must name at least one channel; leave channels out to score every channel");
            }
        }

        var queues = new List<string>();
        if (fields.TryGet("queues", out n, out f))
        {
            foreach (var (index, item) in reader.Items(n, f))
            {
                if (reader.Text(item, $"{f}[{index}]") is { } queue)
                {
                    queues.Add(queue);
                    draft.QueueReferences.Add(new CharterReference(queue, item, $"{f}[{index}]"));
                }
            }
        }

        if (!fields.TryGet("sections", out n, out f))
        {
            reader.Error(node, f, "required: the form's sections, each a mapping of question id to question");
            return null;
        }

        var sections = new List<FormSection>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (sectionName, key, value) in reader.Entries(n, f))
        {
            var sectionField = CharterReader.Path(f, sectionName);
            var questions = new List<FormQuestion>();
            foreach (var (id, idNode, questionNode) in reader.Entries(value, sectionField))
            {
                var questionField = CharterReader.Path(sectionField, id);
                if (ids.TryGetValue(id, out var first))
                {
                    reader.Error(idNode, questionField, $"question id '{id}' is used twice in the form (first at {first})");
                    continue;
                }

                ids[id] = questionField;
                if (Question(reader, id, questionNode, questionField, channels) is { } question)
                {
                    questions.Add(question);
                }
            }

            if (questions.Count == 0 && (value is not YamlMappingNode mapping || mapping.Children.Count == 0))
            {
                reader.Error(key, sectionField, "a section needs at least one question");
            }

            sections.Add(new FormSection(sectionName, questions));
        }

        if (sections.Count == 0)
        {
            reader.Error(n, f, "a form needs at least one section");
        }

        return new EvaluationForm(name, channels, queues, sections);
    }

    private static FormQuestion? Question(CharterReader reader, string id, YamlNode node, string field, IReadOnlyList<Channel> formChannels)
    {
        if (node is not YamlMappingNode)
        {
            reader.Error(node, field, "must be a mapping: { text: Did the agent greet the customer?, weight: 10, rule: { phrases: [hello, good morning], in: first } }");
            return null;
        }

        var fields = reader.Fields(node, field, QuestionKeys);
        var ok = true;
        var text = id;
        if (fields.TryGet("text", out var n, out var f))
        {
            text = reader.Text(n, f) ?? id;
        }

        double weight = 0;
        if (!fields.TryGet("weight", out n, out f))
        {
            reader.Error(node, f, "required: how much the question counts in the total, e.g. 10");
            ok = false;
        }
        else if (reader.PositiveNumber(n, f) is { } w)
        {
            weight = w;
        }
        else
        {
            ok = false;
        }

        var choices = FormQuestion.YesNo;
        if (fields.TryGet("choices", out n, out f))
        {
            choices = Choices(reader, n, f) ?? choices;
        }

        var allowNa = true;
        if (fields.TryGet("na", out n, out f))
        {
            allowNa = reader.Bool(n, f) ?? true;
        }

        var channels = formChannels;
        if (fields.TryGet("channels", out n, out f))
        {
            var listed = reader.Channels(n, f);
            foreach (var outside in listed.Where(c => !formChannels.Contains(c)))
            {
                reader.Error(n, f, $"{outside.ToName()} is not one of the form's channels ({string.Join(", ", formChannels.Select(c => c.ToName()))})");
            }

            channels = listed;
        }

        var answerer = Answerer(reader, node, fields, field, choices);
        return ok && answerer is not null ? new FormQuestion(id, text, weight, choices, allowNa, answerer, channels) : null;
    }

    private static QuestionAnswerer? Answerer(CharterReader reader, YamlNode node, CharterFields fields, string field, IReadOnlyDictionary<string, double> choices)
    {
        var given = Answerers.Where(a => fields.TryGet(a, out _, out _)).ToList();
        if (given.Count != 1)
        {
            reader.Error(node, field, given.Count == 0
                ? "needs what answers it: rule (phrases in the agent's turns), metric (firstResponse, handleTime, sentimentImproves) or ai (a prompt)"
                : $"is answered by one of rule, metric or ai, not by {string.Join(" and ", given)}");
            return null;
        }

        if (fields.TryGet("within", out var withinNode, out var withinField) && given[0] != "metric")
        {
            reader.Error(withinNode, withinField, "only a metric has a limit (within)");
        }

        if (given[0] != "ai" && !(choices.ContainsKey(FormQuestion.Yes) && choices.ContainsKey(FormQuestion.No)))
        {
            fields.TryGet("choices", out var choicesNode, out var choicesField);
            reader.Error(choicesNode ?? node, choicesField, $"a {given[0]} answers yes or no, so its choices must include yes and no");
            return null;
        }

        if (!fields.TryGet(given[0], out var n, out var f))
        {
            return null;
        }

        switch (given[0])
        {
            case "rule":
                return Rule(reader, n, f);
            case "ai":
                return reader.Text(n, f) is { } prompt ? new AiQuestion(prompt) : null;
            default:
                if (reader.Choice(n, f, "metric", Metrics) is not { } metric)
                {
                    return null;
                }

                TimeSpan? within = null;
                if (withinNode is not null)
                {
                    within = reader.Duration(withinNode, withinField, positive: true);
                }
                else if (metric == QaMetric.HandleTime)
                {
                    reader.Error(n, withinField, "required for handleTime: the longest acceptable handling, e.g. 15m");
                    return null;
                }

                return new MetricRule(metric, within);
        }
    }

    private static PhraseRule? Rule(CharterReader reader, YamlNode node, string field)
    {
        if (node is not YamlMappingNode)
        {
            reader.Error(node, field, "must be a mapping: { phrases: [hello, good morning], in: first }");
            return null;
        }

        var fields = reader.Fields(node, field, RuleKeys);
        var phrases = new List<string>();
        if (!fields.TryGet("phrases", out var n, out var f))
        {
            reader.Error(node, f, "required: the phrases to look for in the agent's turns");
            return null;
        }

        foreach (var (index, item) in reader.Items(n, f))
        {
            if (reader.Text(item, $"{f}[{index}]") is { } phrase)
            {
                if (PhraseMatcher.Normalize(phrase).Replace("*", "", StringComparison.Ordinal).Length == 0)
                {
                    reader.Error(item, $"{f}[{index}]", $"has no words to look for (got '{phrase}')");
                    continue;
                }

                phrases.Add(phrase);
            }
        }

        if (phrases.Count == 0)
        {
            reader.Error(n, f, "must list at least one phrase");
            return null;
        }

        var scope = TurnScope.Any;
        if (fields.TryGet("in", out n, out f))
        {
            scope = reader.Choice(n, f, "turn scope", Scopes) ?? scope;
        }

        var turns = 1;
        if (fields.TryGet("turns", out n, out f))
        {
            if (scope == TurnScope.Any)
            {
                reader.Error(n, f, "only counts turns for in: first or in: last");
            }

            turns = reader.Int(n, f, 1, 50) ?? 1;
        }

        var absent = false;
        if (fields.TryGet("absent", out n, out f))
        {
            absent = reader.Bool(n, f) ?? false;
        }

        return new PhraseRule(phrases, scope, turns, absent);
    }

    private static Dictionary<string, double>? Choices(CharterReader reader, YamlNode node, string field)
    {
        var choices = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, _, value) in reader.Entries(node, field))
        {
            if (reader.Number(value, CharterReader.Path(field, name), positive: false) is { } score)
            {
                choices[name] = score;
            }
        }

        if (choices.Count < 2)
        {
            reader.Error(node, field, "needs at least two choices with their scores, e.g. { yes: 100, no: 0 }");
            return null;
        }

        if (choices.Values.Max() <= 0)
        {
            reader.Error(node, field, "at least one choice must score more than 0");
            return null;
        }

        return choices;
    }
}
