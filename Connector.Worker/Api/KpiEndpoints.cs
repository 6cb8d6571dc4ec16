using System.Globalization;
using Connector.Core.Channels;
using Connector.Core.Routing.Policy;
using Connector.Worker.Api.Paging;
using Connector.Worker.Kpis;
using Connector.Worker.People;

namespace Connector.Worker.Api;

/// <summary>KPIs per channel over an interval, from the stored tasks and presence: JSON, or CSV for a spreadsheet.</summary>
public static class KpiEndpoints
{
    /// <summary>Longest interval one request may ask for; hour buckets over it would be thousands of points.</summary>
    public const int MaxDays = 92;

    /// <summary>Hour buckets only up to this many days (744 points a channel).</summary>
    public const int MaxHourBucketDays = 31;

    public const int MaxRepeatDays = 90;

    public static RouteGroupBuilder MapKpis(this RouteGroupBuilder api)
    {
        api.MapGet("/kpis", GetAsync).RequireAuthorization(Policies.Supervisor)
            .WithSummary("KPIs per channel of the tasks that arrived in [from, to) (default: the last 24 h), in hour or day buckets (bucket), with repeat contact within repeatDays (default 7): service level, ASA, AHT, abandonment, occupancy, transfers. CSV with Accept: text/csv or format=csv.");
        return api;
    }

    private static async Task<IResult> GetAsync(
        string? from, string? to, string? bucket, string? repeatDays, string? format,
        HttpContext http, KpiStore store, RoutingPolicy policy, TimeProvider time, CancellationToken ct)
    {
        var check = new ListQuery();
        var now = time.GetUtcNow();
        var until = check.Time("to", to) ?? now;
        var since = check.Time("from", from) ?? until.AddDays(-1);
        var width = check.Name<KpiBucket>("bucket", bucket) ?? KpiBucket.Hour;
        var repeat = RepeatDays(check, repeatDays);
        var csv = Csv(check, format, http.Request);
        if (check.Problem is { } problem)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (until <= since)
        {
            errors["to"] = ["must be later than from."];
        }
        else if (until - since > TimeSpan.FromDays(MaxDays))
        {
            errors["from"] = [$"the interval may span at most {MaxDays} days."];
        }
        else if (width == KpiBucket.Hour && until - since > TimeSpan.FromDays(MaxHourBucketDays))
        {
            errors["bucket"] = [$"hour buckets go up to {MaxHourBucketDays} days; ask for bucket=day."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: $"Invalid {string.Join(", ", errors.Keys)}",
                detail: string.Join(" ", errors.Select(e => $"{e.Key}: {e.Value[0]}")));
        }

        var query = new KpiQuery(since, until, width, repeat);
        var answerWithin = Enum.GetValues<Channel>().ToDictionary(c => c, c => policy.For(c).AnswerWithin);
        var report = KpiCalculator.Compute(query, await store.TasksAsync(query, ct), await store.PresenceAsync(query, ct), answerWithin, now);
        if (!csv)
        {
            return TypedResults.Ok(report);
        }

        var name = $"kpis-{since.UtcDateTime:yyyyMMdd'T'HHmm}-{until.UtcDateTime:yyyyMMdd'T'HHmm}.csv";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        return TypedResults.Text(KpiCsv.Write(report), KpiCsv.ContentType);
    }

    private static int RepeatDays(ListQuery check, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return 7;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= MaxRepeatDays)
        {
            return days;
        }

        check.Reject("repeatDays", $"must be a whole number of days from 1 to {MaxRepeatDays} (got '{(value.Length <= 40 ? value : value[..40] + "…")}').");
        return 7;
    }

    /// <summary>CSV when asked by <c>format=csv</c>, or by an Accept header that names text/csv (and not JSON).</summary>
    private static bool Csv(ListQuery check, string? format, HttpRequest request)
    {
        if (!string.IsNullOrEmpty(format))
        {
            if (format is "csv" or "json")
            {
                return format == "csv";
            }

            check.Reject("format", "must be csv or json.");
            return false;
        }

        var accept = request.GetTypedHeaders().Accept;
        return accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
            && !accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
    }
}
