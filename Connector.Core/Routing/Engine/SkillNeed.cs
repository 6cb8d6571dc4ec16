namespace Connector.Core.Routing.Engine;

/// <summary>A skill (interned id, see <see cref="SkillCatalog"/>) at a level: what a task needs, or what an agent has.</summary>
internal readonly record struct SkillNeed(int Id, int Level);
