namespace Connector.Core.Routing.Engine;

/// <summary>
/// Skill names interned to small ids, so that a decision compares ints and bitmasks instead of hashing strings.
/// A mask has bit <c>id mod 64</c> per skill: exact up to 64 skills, a superset test beyond (a prefilter that is
/// always confirmed against the levels).
/// </summary>
internal sealed class SkillCatalog
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    public int Count => _names.Count;

    public int IdOf(string name)
    {
        if (!_ids.TryGetValue(name, out var id))
        {
            id = _ids[name] = _names.Count;
            _names.Add(name);
        }

        return id;
    }

    public string NameOf(int id) => _names[id];

    public static ulong Bit(int id) => 1UL << (id & 63);

    /// <summary>The skills in the order the dictionary lists them (explanations name the first one missing).</summary>
    public SkillNeed[] Needs(IReadOnlyDictionary<string, int> skills)
    {
        if (skills.Count == 0)
        {
            return [];
        }

        var needs = new SkillNeed[skills.Count];
        var i = 0;
        foreach (var (name, level) in skills)
        {
            needs[i++] = new SkillNeed(IdOf(name), level);
        }

        return needs;
    }

    public static ulong MaskOf(SkillNeed[] needs)
    {
        var mask = 0UL;
        foreach (var need in needs)
        {
            mask |= Bit(need.Id);
        }

        return mask;
    }
}
