namespace Connector.Core.Routing.Engine;

/// <summary>
/// What a task or a step asks of an agent's skills and language, shared by every one that asks the same (interned
/// by <see cref="CriteriaShapes"/>): steps are built once per queue, step and shape, not once per task.
/// </summary>
/// <param name="language">The language the agent must speak (compared ignoring case), or null.</param>
internal sealed class CriteriaShape(int id, SkillNeed[] needs, string? language)
{
    public int Id { get; } = id;
    public SkillNeed[] Needs { get; } = needs;
    public ulong Mask { get; } = SkillCatalog.MaskOf(needs);
    public string? Language { get; } = language;

    /// <summary>The language in upper case, to group work by it.</summary>
    public string? LanguageKey { get; } = language?.ToUpperInvariant();

    // Per queue (by QueueState.Index), the criteria of each of its steps for tasks of this shape, built on first use.
    private StepCriteria?[]?[] _steps = [];

    /// <summary>
    /// The shared criteria of the queue's steps for this shape (the preferred-agent step's are per task): every
    /// task of the queue with this shape reads the same array, so an arrival allocates none.
    /// </summary>
    public StepCriteria?[] StepsIn(int queueIndex, int stepCount)
    {
        if (queueIndex >= _steps.Length)
        {
            Array.Resize(ref _steps, queueIndex + 1);
        }

        return _steps[queueIndex] ??= new StepCriteria?[stepCount];
    }
}
