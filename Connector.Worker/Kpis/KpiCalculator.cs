using Connector.Core.Channels;

namespace Connector.Worker.Kpis;

/// <summary>
/// The KPIs from the stored rows, per channel, for the interval and each bucket. Pure: the rows in, figures out, so
/// that both stores give the same answer and the test can check it against its own reading of the raw rows.
/// </summary>
internal static class KpiCalculator
{
    public static KpiReport Compute(
        KpiQuery query, IReadOnlyList<KpiTaskRow> tasks, IReadOnlyList<KpiPresenceRow> presence, IReadOnlyDictionary<Channel, TimeSpan?> answerWithin, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(presence);
        ArgumentNullException.ThrowIfNull(answerWithin);
        var repeatWindow = TimeSpan.FromDays(query.RepeatDays);
        // Each customer's contacts in time order, for "back within N days".
        var contactsOf = tasks.Where(t => !t.FromTransfer).GroupBy(t => t.CustomerId)
            .ToDictionary(g => g.Key, g => g.Select(t => t.CreatedAt).Order().ToArray());
        var online = OnlineSpans(presence, now);

        ChannelKpis Figures(Channel channel, DateTimeOffset start, DateTimeOffset end)
        {
            var name = channel.ToName();
            var arrived = tasks.Where(t => t.Channel == name && t.CreatedAt >= start && t.CreatedAt < end && t.Inbound).ToList();
            var answered = arrived.Where(t => t.AssignedAt is not null).ToList();
            var handled = answered.Where(t => t.State == "completed").ToList();
            var abandoned = arrived.Count(t => t.State == "abandoned" && t.AssignedAt is null);
            var sla = answerWithin.TryGetValue(channel, out var within) ? within : null;
            var inTime = sla is { } target ? answered.Count(t => t.AssignedAt!.Value - t.CreatedAt <= target) : 0;
            var contacts = arrived.Where(t => !t.FromTransfer).ToList();
            var repeats = contacts.Count(t => contactsOf[t.CustomerId].Any(at => at > t.CreatedAt && at <= t.CreatedAt + repeatWindow));
            var busy = Busy(tasks, name, start, end, now);
            var loggedIn = online.Where(s => s.Channels.Contains(name)).Sum(s => Overlap(s.From, s.To, start, end));
            return new ChannelKpis(
                name,
                sla?.TotalSeconds,
                arrived.Count,
                answered.Count,
                inTime,
                sla is null || arrived.Count == 0 ? null : Share(inTime, arrived.Count),
                answered.Count == 0 ? null : Seconds(answered.Average(t => (t.AssignedAt!.Value - t.CreatedAt).TotalSeconds)),
                handled.Count,
                handled.Count == 0 ? null : Seconds(handled.Average(t => (t.UpdatedAt - t.AssignedAt!.Value).TotalSeconds)),
                abandoned,
                arrived.Count == 0 ? null : Share(abandoned, arrived.Count),
                arrived.Count(t => t.FromTransfer),
                Seconds(busy),
                Seconds(loggedIn),
                loggedIn == 0 ? null : Math.Round(busy / loggedIn, 4),
                contacts.Count,
                repeats,
                contacts.Count == 0 ? null : Share(repeats, contacts.Count));
        }

        var channels = Enum.GetValues<Channel>();
        var buckets = new List<KpiBucketFigures>();
        for (var start = query.From; start < query.To;)
        {
            var end = Min(Next(start, query.Bucket), query.To);
            buckets.Add(new KpiBucketFigures(start, end, [.. channels.Select(c => Figures(c, start, end))]));
            start = end;
        }

        return new KpiReport(query.From, query.To, query.Bucket, query.RepeatDays, [.. channels.Select(c => Figures(c, query.From, query.To))], buckets);
    }

    /// <summary>The next bucket boundary after <paramref name="start"/>, aligned to whole UTC hours or days.</summary>
    public static DateTimeOffset Next(DateTimeOffset start, KpiBucket bucket)
    {
        var utc = start.ToUniversalTime();
        return bucket == KpiBucket.Hour
            ? new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero).AddHours(1)
            : new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero).AddDays(1);
    }

    /// <summary>Per agent, the time holding ≥ 1 task of the channel: the union of their tasks' assignment → end (now while open).</summary>
    private static double Busy(IReadOnlyList<KpiTaskRow> tasks, string channel, DateTimeOffset start, DateTimeOffset end, DateTimeOffset now)
    {
        var total = 0.0;
        foreach (var agent in tasks.Where(t => t.Channel == channel && t.AssignedAt is not null && t.AssignedAgentId is not null).GroupBy(t => t.AssignedAgentId!))
        {
            DateTimeOffset? spanFrom = null, spanTo = null;
            foreach (var (from, to) in agent.Select(t => (From: t.AssignedAt!.Value, To: t.Ended ? t.UpdatedAt : now)).OrderBy(s => s.From))
            {
                if (spanTo is { } open && from <= open)
                {
                    spanTo = Max(open, to);
                    continue;
                }

                if (spanFrom is { } f && spanTo is { } t)
                {
                    total += Overlap(f, t, start, end);
                }

                (spanFrom, spanTo) = (from, to);
            }

            if (spanFrom is { } lastFrom && spanTo is { } lastTo)
            {
                total += Overlap(lastFrom, lastTo, start, end);
            }
        }

        return total;
    }

    /// <summary>Each agent's presence as spans: from one change to the next (the last runs until now).</summary>
    private static List<(DateTimeOffset From, DateTimeOffset To, string[] Channels)> OnlineSpans(IReadOnlyList<KpiPresenceRow> presence, DateTimeOffset now)
    {
        var spans = new List<(DateTimeOffset, DateTimeOffset, string[])>();
        foreach (var agent in presence.GroupBy(p => p.AgentId))
        {
            var changes = agent.ToList();
            for (var i = 0; i < changes.Count; i++)
            {
                var until = i + 1 < changes.Count ? changes[i + 1].At : now;
                var channels = changes[i].Channels.Split(',', StringSplitOptions.RemoveEmptyEntries);
                if (channels.Length > 0 && until > changes[i].At)
                {
                    spans.Add((changes[i].At, until, channels));
                }
            }
        }

        return spans;
    }

    private static double Overlap(DateTimeOffset from, DateTimeOffset to, DateTimeOffset start, DateTimeOffset end) =>
        Math.Max(0, (Min(to, end) - Max(from, start)).TotalSeconds);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static double Share(int part, int whole) => Math.Round((double)part / whole, 4);

    private static double Seconds(double value) => Math.Round(value, 2);
}
