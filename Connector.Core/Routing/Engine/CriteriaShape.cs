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
}
