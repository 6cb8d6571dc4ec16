namespace Connector.Core.Compliance;

/// <summary>
/// How long each kind of data is kept, per region. A region is where the customer's phone number (or WhatsApp number)
/// belongs, as an ISO code (GB, DE…); customers without one, and data that names no customer, fall under
/// <see cref="DefaultRegion"/>. A region inherits from the default what it does not name; a kind neither names is
/// kept for good.
/// </summary>
public sealed record RetentionPolicy(IReadOnlyDictionary<string, IReadOnlyDictionary<RetentionKind, TimeSpan>> Regions)
{
    public const string DefaultRegion = "default";

    /// <summary>No <c>retention:</c> section: nothing is purged.</summary>
    public static readonly RetentionPolicy KeepAll = new(new Dictionary<string, IReadOnlyDictionary<RetentionKind, TimeSpan>>());

    /// <summary>How long <paramref name="kind"/> is kept for a customer of <paramref name="region"/>; null: for good.</summary>
    public TimeSpan? For(string? region, RetentionKind kind)
    {
        if (region is null || !Regions.TryGetValue(region, out var own) || !own.TryGetValue(kind, out var period))
        {
            period = Regions.TryGetValue(DefaultRegion, out var defaults) && defaults.TryGetValue(kind, out var d) ? d : KeptForGood;
        }

        return period == KeptForGood ? null : period;
    }

    /// <summary>A region's <c>none</c>: kept for good there, whatever the default says.</summary>
    public static readonly TimeSpan KeptForGood = TimeSpan.MaxValue;

    /// <summary>
    /// The shortest period of <paramref name="kind"/> in any region: nothing younger can be due anywhere, so the purge
    /// looks only at older rows. Null when no region names the kind.
    /// </summary>
    public TimeSpan? Shortest(RetentionKind kind)
    {
        var periods = Regions.Values.Where(r => r.TryGetValue(kind, out var p) && p != KeptForGood).Select(r => r[kind]).ToList();
        return periods.Count == 0 ? null : periods.Min();
    }

    /// <summary>The rule a purge is audited with, e.g. <c>GB.recordings=30d</c> or <c>default.mail=365d</c>.</summary>
    public string RuleFor(string? region, RetentionKind kind) =>
        region is not null && Regions.TryGetValue(region, out var own) && own.ContainsKey(kind)
            ? $"{region}.{kind.ToName()}"
            : $"{DefaultRegion}.{kind.ToName()}";
}
