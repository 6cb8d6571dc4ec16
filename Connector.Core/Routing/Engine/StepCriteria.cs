using Connector.Core.Routing.Policy;

namespace Connector.Core.Routing.Engine;

/// <summary>What a task's current routing step asks of an agent.</summary>
/// <param name="Skills">Skill → minimum proficiency; empty for "any agent".</param>
/// <param name="OnlyAgent">The preferred agent, for the preferred-agent step.</param>
internal sealed record StepCriteria(int StepIndex, RoutingStepKind Kind, IReadOnlyDictionary<string, int> Skills, string? OnlyAgent, bool NeedsLanguage)
{
    public string Rule(string queue) => OnlyAgent is null
        ? $"{queue}/step {StepIndex + 1}: {Kind}{(Skills.Count > 0 ? " " + string.Join(",", Skills.Select(s => $"{s.Key}>={s.Value}")) : "")}"
        : $"{queue}/step {StepIndex + 1}: {Kind} {OnlyAgent}";
}
