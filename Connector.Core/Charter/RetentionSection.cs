using Connector.Core.Compliance;
using YamlDotNet.RepresentationModel;

namespace Connector.Core.Charter;

/// <summary>
/// <c>retention:</c> how long each kind of data is kept, per region: <c>default</c> and two-letter ISO regions (the
/// country of the customer's phone number), each a mapping of kinds to durations (<c>90d</c>); <c>none</c> keeps that
/// kind for good in that region, overriding the default. A region inherits from <c>default</c> what it leaves out.
/// </summary>
internal static class RetentionSection
{
    public const string Name = "retention";

    /// <summary>Far longer would be a typo (900000d), and would overflow the cut-off time.</summary>
    private static readonly TimeSpan Longest = TimeSpan.FromDays(36_500);

    private static readonly string[] Kinds = [.. RetentionKinds.ByName.Keys];

    public static void Read(CharterReader reader, YamlNode node, CharterDraft draft)
    {
        var regions = new Dictionary<string, IReadOnlyDictionary<RetentionKind, TimeSpan>>(StringComparer.Ordinal);
        var forGood = new Dictionary<string, HashSet<RetentionKind>>(StringComparer.Ordinal);
        foreach (var (region, key, value) in reader.Entries(node, Name))
        {
            var field = CharterReader.Path(Name, region);
            if (region != RetentionPolicy.DefaultRegion && (region.Length != 2 || !region.All(char.IsAsciiLetterUpper)))
            {
                reader.Error(key, field, $"a region is 'default' or a two-letter ISO code in capitals, e.g. GB or DE (got '{region}')");
                continue;
            }

            var periods = new Dictionary<RetentionKind, TimeSpan>();
            forGood[region] = [];
            var fields = reader.Fields(value, field, Kinds, "data kind");
            foreach (var (name, kind) in RetentionKinds.ByName)
            {
                if (!fields.TryGet(name, out var n, out var f))
                {
                    continue;
                }

                if (n is YamlScalarNode { Value: "none" })
                {
                    forGood[region].Add(kind);
                }
                else if (reader.Duration(n, f, positive: true) is { } period)
                {
                    if (period > Longest)
                    {
                        reader.Error(n, f, $"at most {Longest.TotalDays:0}d; write none to keep it for good (got '{CharterDuration.Format(period)}')");
                        continue;
                    }

                    periods[kind] = period;
                }
            }

            regions[region] = periods;
        }

        // "none" in a region beats the default's period: kept as the longest period there is.
        foreach (var (region, kinds) in forGood)
        {
            var periods = new Dictionary<RetentionKind, TimeSpan>(regions[region]);
            foreach (var kind in kinds)
            {
                periods[kind] = RetentionPolicy.KeptForGood;
            }

            regions[region] = periods;
        }

        draft.Retention = new RetentionPolicy(regions);
    }
}
