using Connector.Core.Routing.Policy;

namespace Connector.Core.Routing.Engine;

/// <summary>
/// What one routing step asks of an agent. Built once per queue, step and task shape and shared (once per task for
/// the preferred-agent step; see <see cref="TaskState.SharedSteps"/>), so a decision reads it instead of rebuilding it.
/// </summary>
/// <param name="shape">The skills (skill → minimum proficiency, in the order the explanation names them; none for
/// "any agent") and the language it asks for.</param>
/// <param name="onlyAgent">The preferred agent, for the preferred-agent step.</param>
internal sealed class StepCriteria(string queue, int stepIndex, RoutingStepKind kind, CriteriaShape shape, string? onlyAgent, bool needsLanguage, SkillCatalog catalog)
{
    private string? _rule;

    public int StepIndex { get; } = stepIndex;
    public RoutingStepKind Kind { get; } = kind;
    public SkillNeed[] Needs { get; } = shape.Needs;
    public CriteriaShape Shape { get; } = shape;
    public ulong Mask { get; } = shape.Mask;
    public string? OnlyAgent { get; } = onlyAgent;
    public bool NeedsLanguage { get; } = needsLanguage;

    /// <summary>
    /// Per channel, the group of waiting work this step's tasks wait in (set by <see cref="WaitingQueue.Place"/>):
    /// shared criteria belong to one queue, so on each channel to one group.
    /// </summary>
    public WaitingGroup?[] GroupOn { get; } = new WaitingGroup?[4];

    /// <summary>The rule shown in explanations; made on first use (most criteria never need it).</summary>
    public string Rule => _rule ??= OnlyAgent is null
        ? $"{queue}/step {StepIndex + 1}: {Kind}{(Needs.Length > 0 ? " " + string.Join(",", Needs.Select(s => $"{catalog.NameOf(s.Id)}>={s.Level}")) : "")}"
        : $"{queue}/step {StepIndex + 1}: {Kind} {OnlyAgent}";
}
