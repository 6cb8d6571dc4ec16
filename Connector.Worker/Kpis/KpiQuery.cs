namespace Connector.Worker.Kpis;

/// <summary>The KPIs asked for: tasks that arrived in [<paramref name="From"/>, <paramref name="To"/>), in buckets of <paramref name="Bucket"/>.</summary>
/// <param name="RepeatDays">A contact counts as repeated when the same customer is back, on any channel, within this many days of it.</param>
internal sealed record KpiQuery(DateTimeOffset From, DateTimeOffset To, KpiBucket Bucket, int RepeatDays);
