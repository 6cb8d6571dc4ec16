using System.Globalization;
using System.Text;

namespace Connector.Worker.Kpis;

/// <summary>
/// The report as CSV (RFC 4180, invariant culture, UTC times): one row per channel for the whole interval
/// (<c>scope</c> = total), then one per bucket and channel (<c>scope</c> = bucket). Empty cells where a figure has no base.
/// </summary>
internal static class KpiCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly string[] Columns =
    [
        "scope", "start", "end", "channel", "slaSeconds", "offered", "answered", "answeredWithinSla", "serviceLevel",
        "averageSpeedOfAnswerSeconds", "handled", "averageHandleSeconds", "abandoned", "abandonmentRate", "transfers",
        "busySeconds", "loggedInSeconds", "occupancy", "contacts", "repeatContacts", "repeatContactRate",
    ];

    public static string Write(KpiReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder().AppendJoin(',', Columns).Append("\r\n");
        foreach (var channel in report.Channels)
        {
            Row(csv, "total", report.From, report.To, channel);
        }

        foreach (var bucket in report.Buckets)
        {
            foreach (var channel in bucket.Channels)
            {
                Row(csv, "bucket", bucket.Start, bucket.End, channel);
            }
        }

        return csv.ToString();
    }

    private static void Row(StringBuilder csv, string scope, DateTimeOffset start, DateTimeOffset end, ChannelKpis k)
    {
        // Every value is a number, a fixed word or a UTC time: none holds a comma, quote or line break to escape.
        object?[] values =
        [
            scope, Time(start), Time(end), k.Channel, k.SlaSeconds, k.Offered, k.Answered, k.AnsweredWithinSla, k.ServiceLevel,
            k.AverageSpeedOfAnswerSeconds, k.Handled, k.AverageHandleSeconds, k.Abandoned, k.AbandonmentRate, k.Transfers,
            k.BusySeconds, k.LoggedInSeconds, k.Occupancy, k.Contacts, k.RepeatContacts, k.RepeatContactRate,
        ];
        csv.AppendJoin(',', values.Select(v => v is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : v?.ToString() ?? "")).Append("\r\n");
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
