using Connector.Core.Routing.Policy;
using YamlDotNet.RepresentationModel;

namespace Connector.Core.Charter;

/// <summary><c>queues:</c> rank, selection, skills and the escalation steps, over <see cref="QueueDefinition.Default"/>.</summary>
internal static class QueuesSection
{
    public const string Name = "queues";

    private static readonly string[] Keys = ["rank", "selection", "skills", "steps"];
    private static readonly string[] StepKeys = ["kind", "after", "minProficiency", "preferenceExpiry", "overflowQueue"];

    private static readonly Dictionary<string, SelectionMethod> Selections = new(StringComparer.Ordinal)
    {
        ["longestIdle"] = SelectionMethod.LongestIdle,
        ["mostFreeCapacity"] = SelectionMethod.MostFreeCapacity,
        ["bestSkillMatch"] = SelectionMethod.BestSkillMatch,
    };

    private static readonly Dictionary<string, RoutingStepKind> Kinds = new(StringComparer.Ordinal)
    {
        ["preferredAgent"] = RoutingStepKind.PreferredAgent,
        ["requiredSkills"] = RoutingStepKind.RequiredSkills,
        ["relaxedSkills"] = RoutingStepKind.RelaxedSkills,
        ["overflowQueue"] = RoutingStepKind.OverflowQueue,
        ["anyAgent"] = RoutingStepKind.AnyAgent,
    };

    // A preferredAgent step that does not say otherwise lets the preference expire as the default queue's does.
    private static readonly TimeSpan? DefaultPreferenceExpiry = QueueDefinition.Default("default").Steps
        .First(s => s.Kind == RoutingStepKind.PreferredAgent).PreferenceExpiry;

    public static void Read(CharterReader reader, YamlNode node, CharterDraft draft)
    {
        foreach (var (name, _, value) in reader.Entries(node, Name))
        {
            var field = CharterReader.Path(Name, name);
            var fields = reader.Fields(value, field, Keys);
            var queue = QueueDefinition.Default(name);
            if (fields.TryGet("rank", out var n, out var f) && reader.Int(n, f, 1) is { } rank)
            {
                queue = queue with { Rank = rank };
            }

            if (fields.TryGet("selection", out n, out f) && reader.Choice(n, f, "selection", Selections) is { } selection)
            {
                queue = queue with { Selection = selection };
            }

            if (fields.TryGet("skills", out n, out f))
            {
                queue = queue with { Skills = reader.Skills(n, f) };
            }

            if (fields.TryGet("steps", out n, out f))
            {
                queue = queue with { Steps = ReadSteps(reader, n, f, name, draft) };
            }

            draft.Queues[name] = queue;
        }
    }

    private static List<RoutingStep> ReadSteps(CharterReader reader, YamlNode node, string field, string queue, CharterDraft draft)
    {
        var steps = new List<RoutingStep>();
        var items = reader.Items(node, field).ToList();
        if (items.Count == 0 && (node is YamlSequenceNode || CharterReader.IsNull(node)))
        {
            reader.Error(node, field, "a queue needs at least one step");
        }

        var previousAfter = TimeSpan.Zero;
        foreach (var (index, item) in items)
        {
            var step = ReadStep(reader, item, $"{field}[{index}]", previousAfter, queue, draft, out previousAfter);
            if (step is not null)
            {
                steps.Add(step);
            }
        }

        return steps;
    }

    /// <returns>Null when the step's kind is missing or unknown (already reported).</returns>
    private static RoutingStep? ReadStep(
        CharterReader reader, YamlNode item, string stepField, TimeSpan previousAfter, string queue, CharterDraft draft, out TimeSpan after)
    {
        var fields = reader.Fields(item, stepField, StepKeys);

        RoutingStepKind? kind = null;
        if (fields.TryGet("kind", out var n, out var f))
        {
            kind = reader.Choice(n, f, "step kind", Kinds);
        }
        else
        {
            reader.Error(item, f, $"required (one of: {string.Join(", ", Kinds.Keys)})");
        }

        // Steps are a ladder climbed as the task ages; an omitted after means "together with the previous step".
        after = previousAfter;
        if (fields.TryGet("after", out n, out f) && reader.Duration(n, f) is { } given)
        {
            if (given < previousAfter)
            {
                reader.Error(n, f, $"must not be earlier than the previous step's after ({CharterDuration.Format(previousAfter)}); steps are listed in the order they start");
            }
            else
            {
                after = given;
            }
        }

        var step = new RoutingStep(kind ?? RoutingStepKind.AnyAgent, after);
        if (fields.TryGet("minProficiency", out n, out f) && OnlyFor(RoutingStepKind.RequiredSkills) && reader.Int(n, f, 1, 10) is { } min)
        {
            step = step with { MinProficiency = min };
        }

        step = step with { PreferenceExpiry = kind == RoutingStepKind.PreferredAgent ? DefaultPreferenceExpiry : null };
        if (fields.TryGet("preferenceExpiry", out n, out f) && OnlyFor(RoutingStepKind.PreferredAgent) && reader.TryOptionalDuration(n, f, out var expiry))
        {
            step = step with { PreferenceExpiry = expiry };
        }

        if (fields.TryGet("overflowQueue", out n, out f))
        {
            if (OnlyFor(RoutingStepKind.OverflowQueue) && reader.Text(n, f) is { } target)
            {
                if (target == queue)
                {
                    reader.Error(n, f, $"cannot overflow to its own queue '{queue}'");
                }
                else
                {
                    step = step with { OverflowQueue = target };
                    draft.QueueReferences.Add(new CharterReference(target, n, f));
                }
            }
        }
        else if (kind == RoutingStepKind.OverflowQueue)
        {
            reader.Error(item, f, "an overflowQueue step must name the queue to overflow to");
        }

        return kind is null ? null : step;

        // A setting meant for another kind of step is a misunderstanding worth pointing out, not ignoring.
        bool OnlyFor(RoutingStepKind wanted)
        {
            if (kind is null || kind == wanted)
            {
                return true;
            }

            reader.Error(n, f, $"applies only to {Kinds.First(k => k.Value == wanted).Key} steps");
            return false;
        }
    }
}
