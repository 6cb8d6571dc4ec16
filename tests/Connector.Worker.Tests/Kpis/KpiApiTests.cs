using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Core.Channels;
using Connector.Worker.Tests.Api;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Kpis;

/// <summary>
/// <c>GET /api/kpis</c> over a simulated day written to the store (<see cref="SimulatedDay"/>), on each store: the
/// figures per channel must be those counted here by hand from the day's own ledger.
/// </summary>
public abstract class KpiApiTests
{
    private static readonly Dictionary<Channel, double> AnswerWithin = new()
    {
        [Channel.Voice] = 20,
        [Channel.Chat] = 60,
        [Channel.WhatsApp] = 300,
        [Channel.Email] = 3600,
    };

    private const string Charter = """
        channels:
          voice: { answerWithin: 20s }
          chat: { answerWithin: 60s }
          whatsapp: { answerWithin: 5m }
          email: { answerWithin: 1h }
        """;

    private const int RepeatDays = 3;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<StoreUnderTest> StoreAsync();

    [Fact]
    public async Task A_simulated_day_on_all_four_channels_gives_per_channel_the_figures_counted_by_hand_from_its_events()
    {
        await using var store = await StoreAsync();
        var day = await SimulatedDay.WriteAsync(store);
        await ForgetTheOutboxAsync(store);
        await using var worker = await PanelWorld.StartAsync(Charter, new Dictionary<string, string?>(store.WorkerSettings));
        await worker.PutAgentAsync("sue", supervises: "support");
        using var sue = await worker.KeyAsync("supervisor", "sue");
        var from = SimulatedDay.Start;
        var to = from.AddDays(1);
        var url = $"/api/kpis?from={from:yyyy-MM-ddTHH:mm:ssZ}&to={to:yyyy-MM-ddTHH:mm:ssZ}&bucket=hour&repeatDays={RepeatDays}";

        var report = await sue.GetFromJsonAsync<JsonElement>(url, Ct);

        var channels = report.GetProperty("channels").EnumerateArray().ToDictionary(c => c.GetProperty("channel").GetString()!);
        Assert.Equal(["voice", "chat", "whatsapp", "email"], channels.Keys);
        foreach (var channel in Enum.GetValues<Channel>())
        {
            var expected = ByHand(day, channel, from, to);
            var actual = channels[channel.ToName()];
            Assert.True(expected.Offered > 20, $"{channel}: a day's traffic, not a handful ({expected.Offered})");
            TestContext.Current.TestOutputHelper?.WriteLine($"{channel}: {expected}");
            AssertFigures(channel.ToName() + " (day)", expected, actual);
        }

        // Cross-channel: some customer called after writing on WhatsApp, or the reverse, within the repeat days.
        Assert.Contains(day.Contacts, c => day.Contacts.Any(o => o.CustomerId == c.CustomerId && o.Channel != c.Channel && o.Arrived > c.Arrived));
        Assert.Contains(day.Contacts, c => c.FromTransfer);

        // The buckets: 24 hours, each with its own figures (10:00–11:00 checked in full), and their arrivals add up.
        var buckets = report.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal(24, buckets.Count);
        var ten = buckets[10];
        Assert.Equal(from.AddHours(10), ten.GetProperty("start").GetDateTimeOffset());
        foreach (var channel in Enum.GetValues<Channel>())
        {
            var actual = ten.GetProperty("channels").EnumerateArray().Single(c => c.GetProperty("channel").GetString() == channel.ToName());
            AssertFigures(channel.ToName() + " (10:00)", ByHand(day, channel, from.AddHours(10), from.AddHours(11)), actual);
            Assert.Equal(channels[channel.ToName()].GetProperty("offered").GetInt32(),
                buckets.Sum(b => b.GetProperty("channels").EnumerateArray().Single(c => c.GetProperty("channel").GetString() == channel.ToName()).GetProperty("offered").GetInt32()));
        }

        // The same figures as CSV, by Accept or by format=csv.
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var byAccept = await sue.SendAsync(request, Ct);
        var byFormat = await sue.GetStringAsync(url + "&format=csv", Ct);
        Assert.Equal(HttpStatusCode.OK, byAccept.StatusCode);
        Assert.Equal("text/csv", byAccept.Content.Headers.ContentType?.MediaType);
        var csv = await byAccept.Content.ReadAsStringAsync(Ct);
        Assert.Equal(csv, byFormat);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        Assert.Equal(1 + 4 + (24 * 4), lines.Length);
        foreach (var line in lines.Skip(1).Take(4))
        {
            var cells = header.Zip(line.Split(',')).ToDictionary(p => p.First, p => p.Second);
            var json = channels[cells["channel"]];
            Assert.Equal("total", cells["scope"]);
            Assert.Equal(json.GetProperty("offered").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), cells["offered"]);
            Assert.Equal(json.GetProperty("serviceLevel").GetDouble(), double.Parse(cells["serviceLevel"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(json.GetProperty("averageHandleSeconds").GetDouble(), double.Parse(cells["averageHandleSeconds"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(json.GetProperty("occupancy").GetDouble(), double.Parse(cells["occupancy"], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Bad_intervals_buckets_and_repeat_days_are_a_400_naming_each_field_and_agents_are_refused()
    {
        await using var store = await StoreAsync();
        await using var worker = await PanelWorld.StartAsync(Charter, new Dictionary<string, string?>(store.WorkerSettings));
        await worker.PutAgentAsync("ann", skill: "support");
        using var ann = await worker.KeyAsync("agent", "ann");

        var bad = await worker.Http.GetAsync("/api/kpis?from=yesterday&bucket=week&repeatDays=0&format=xml", Ct);
        var backwards = await worker.Http.GetAsync("/api/kpis?from=2026-11-24T00:00:00Z&to=2026-11-23T00:00:00Z", Ct);
        var hoursForAQuarter = await worker.Http.GetAsync("/api/kpis?from=2026-08-01T00:00:00Z&to=2026-10-31T00:00:00Z&bucket=hour", Ct);
        var asAgent = await ann.GetAsync("/api/kpis", Ct);

        Assert.Equal(["bucket", "format", "from", "repeatDays"], await ErrorFieldsAsync(bad));
        Assert.Equal(["to"], await ErrorFieldsAsync(backwards));
        Assert.Equal(["bucket"], await ErrorFieldsAsync(hoursForAQuarter));
        Assert.Equal(HttpStatusCode.Forbidden, asAgent.StatusCode);
    }

    /// <summary>The CRM and channel work the day queued is not this test's: the Worker would try it against no ACS and no CRM.</summary>
    private static async Task ForgetTheOutboxAsync(StoreUnderTest store)
    {
        await using var connection = await store.Dialect.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM outbox";
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<string[]> ErrorFieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal)];
    }

    private static void AssertFigures(string what, Expected expected, JsonElement actual)
    {
        Assert.Equal((what, expected.Offered, expected.Answered, expected.AnsweredWithinSla, expected.Handled, expected.Abandoned, expected.Transfers, expected.Contacts, expected.RepeatContacts),
            (what, Int(actual, "offered"), Int(actual, "answered"), Int(actual, "answeredWithinSla"), Int(actual, "handled"), Int(actual, "abandoned"), Int(actual, "transfers"), Int(actual, "contacts"), Int(actual, "repeatContacts")));
        Close(what, "serviceLevel", expected.ServiceLevel, actual);
        Close(what, "averageSpeedOfAnswerSeconds", expected.AverageSpeedOfAnswer, actual);
        Close(what, "averageHandleSeconds", expected.AverageHandle, actual);
        Close(what, "abandonmentRate", expected.AbandonmentRate, actual);
        Close(what, "busySeconds", expected.BusySeconds, actual);
        Close(what, "loggedInSeconds", expected.LoggedInSeconds, actual);
        Close(what, "occupancy", expected.Occupancy, actual);
        Close(what, "repeatContactRate", expected.RepeatRate, actual);
    }

    private static int Int(JsonElement e, string name) => e.GetProperty(name).GetInt32();

    /// <summary>Equal up to the API's rounding (4 decimals for shares, 2 for seconds).</summary>
    private static void Close(string what, string name, double? expected, JsonElement actual)
    {
        var value = actual.GetProperty(name);
        if (expected is null)
        {
            Assert.True(value.ValueKind == JsonValueKind.Null, $"{what} {name}: expected null, got {value}");
            return;
        }

        Assert.True(value.ValueKind == JsonValueKind.Number && Math.Abs(value.GetDouble() - expected.Value) <= 0.006,
            $"{what} {name}: expected {expected:0.####}, got {value}");
    }

    private sealed record Expected(
        int Offered, int Answered, int AnsweredWithinSla, double? ServiceLevel, double? AverageSpeedOfAnswer, int Handled, double? AverageHandle,
        int Abandoned, double? AbandonmentRate, int Transfers, double BusySeconds, double LoggedInSeconds, double? Occupancy, int Contacts, int RepeatContacts, double? RepeatRate);

    /// <summary>The KPIs of the contacts that arrived in [from, to), counted from the ledger, the plain way.</summary>
    private static Expected ByHand(SimulatedDay day, Channel channel, DateTimeOffset from, DateTimeOffset to)
    {
        var arrived = day.Contacts.Where(c => c.Channel == channel && c.Arrived >= from && c.Arrived < to).ToList();
        var answered = arrived.Where(c => c.Answered is not null).ToList();
        var waits = answered.Select(c => (c.Answered!.Value - c.Arrived).TotalSeconds).ToList();
        var inTime = waits.Count(w => w <= AnswerWithin[channel]);
        var handled = answered.Where(c => c.Ended is not null && !c.Abandoned).ToList();
        var abandoned = arrived.Count(c => c.Abandoned);
        var contacts = arrived.Where(c => !c.FromTransfer).ToList();
        var repeats = contacts.Count(c => day.Contacts.Any(o => !o.FromTransfer && o.CustomerId == c.CustomerId && o.Arrived > c.Arrived && o.Arrived <= c.Arrived.AddDays(RepeatDays)));

        // Busy: walk each agent's starts and ends in time order, counting the seconds in which they hold any of the channel's work.
        var busy = 0.0;
        foreach (var agent in day.Contacts.Where(c => c.Channel == channel && c.Answered is not null).GroupBy(c => c.Agent))
        {
            var marks = agent.SelectMany(c => new[] { (At: c.Answered!.Value, Step: +1), (At: c.Ended!.Value, Step: -1) }).OrderBy(m => m.At).ThenBy(m => m.Step).ToList();
            var holding = 0;
            for (var i = 0; i < marks.Count; i++)
            {
                holding += marks[i].Step;
                if (holding > 0 && i + 1 < marks.Count)
                {
                    var start = marks[i].At < from ? from : marks[i].At;
                    var end = marks[i + 1].At > to ? to : marks[i + 1].At;
                    busy += Math.Max(0, (end - start).TotalSeconds);
                }
            }
        }

        // Logged in: the presence changes as made, each lasting until the agent's next change.
        var loggedIn = 0.0;
        foreach (var agent in day.Presence.GroupBy(p => p.Agent))
        {
            var changes = agent.OrderBy(p => p.At).ToList();
            for (var i = 0; i + 1 < changes.Count; i++)
            {
                if (changes[i].Channels.Contains(channel))
                {
                    var start = changes[i].At < from ? from : changes[i].At;
                    var end = changes[i + 1].At > to ? to : changes[i + 1].At;
                    loggedIn += Math.Max(0, (end - start).TotalSeconds);
                }
            }
        }

        return new Expected(
            arrived.Count,
            answered.Count,
            inTime,
            arrived.Count == 0 ? null : (double)inTime / arrived.Count,
            answered.Count == 0 ? null : waits.Average(),
            handled.Count,
            handled.Count == 0 ? null : handled.Average(c => (c.Ended!.Value - c.Answered!.Value).TotalSeconds),
            abandoned,
            arrived.Count == 0 ? null : (double)abandoned / arrived.Count,
            arrived.Count(c => c.FromTransfer),
            busy,
            loggedIn,
            loggedIn == 0 ? null : busy / loggedIn,
            contacts.Count,
            repeats,
            contacts.Count == 0 ? null : (double)repeats / contacts.Count);
    }
}

public sealed class SqliteKpiApiTests : KpiApiTests
{
    protected override Task<StoreUnderTest> StoreAsync() => StoreUnderTest.SqliteAsync();
}

public sealed class PostgresKpiApiTests : KpiApiTests
{
    protected override Task<StoreUnderTest> StoreAsync() => StoreUnderTest.PostgresAsync();
}
