namespace Connector.Worker.Kpis;

/// <summary>The KPIs per channel over the interval, and the same per bucket for the charts.</summary>
internal sealed record KpiReport(
    DateTimeOffset From,
    DateTimeOffset To,
    KpiBucket Bucket,
    int RepeatDays,
    IReadOnlyList<ChannelKpis> Channels,
    IReadOnlyList<KpiBucketFigures> Buckets);

/// <summary>One bucket: [<paramref name="Start"/>, <paramref name="End"/>).</summary>
internal sealed record KpiBucketFigures(DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<ChannelKpis> Channels);
