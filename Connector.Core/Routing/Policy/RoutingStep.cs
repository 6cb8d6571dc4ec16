namespace Connector.Core.Routing.Policy;

/// <summary>
/// One rung of a queue's escalation ladder, active once the task is <see cref="After"/> old. The latest active step
/// with an eligible agent wins; a step with no eligible agent is skipped at once.
/// </summary>
/// <param name="MinProficiency">For <see cref="RoutingStepKind.RequiredSkills"/>: the lowest proficiency (1–10) accepted.</param>
/// <param name="PreferenceExpiry">For <see cref="RoutingStepKind.PreferredAgent"/>: a last agent older than this is no longer preferred.</param>
/// <param name="OverflowQueue">For <see cref="RoutingStepKind.OverflowQueue"/>: the queue whose skills replace the task's.</param>
public sealed record RoutingStep(
    RoutingStepKind Kind,
    TimeSpan After,
    int MinProficiency = 1,
    TimeSpan? PreferenceExpiry = null,
    string? OverflowQueue = null);
