using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Api;

/// <summary>
/// The lists' paging convention over real HTTP, on each store (<see cref="SqliteListPagingApiTests"/>,
/// <see cref="PostgresListPagingApiTests"/>): <c>limit</c> and <c>cursor</c>, the body a JSON array, the next page in a
/// <c>Link: &lt;…&gt;; rel="next"</c> header, and every bad value a 400 problem+json naming its field.
/// </summary>
public abstract class ListPagingApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The Worker's settings for the store under test.</summary>
    protected abstract Task<Dictionary<string, string?>> StoreSettingsAsync();

    [Fact]
    public async Task Following_the_link_header_reads_every_task_once_a_limit_at_a_time_with_the_filters_kept()
    {
        await using var worker = await PanelWorld.StartAsync(settings: await StoreSettingsAsync());
        var whatsapp = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            whatsapp.Add((await worker.ArrivesAsync("whatsapp", $"+44770090{i:0000}")).Task);
        }

        var (email, _) = await worker.ArrivesAsync("email", "pat@example.com");

        var pages = await PagesAsync(worker.Http, "/api/tasks?channel=whatsapp&limit=2");

        Assert.Equal([2, 2, 1], pages.Select(p => p.Items.Count));
        Assert.Equal(whatsapp.Order(), pages.SelectMany(p => p.Items).Select(t => t.GetProperty("id").GetGuid()).Order());
        Assert.All(pages.SelectMany(p => p.Items), t => Assert.Equal("whatsapp", t.GetProperty("channel").GetString()));
        // Each next link repeats the request's own filters and limit; the last page has none.
        Assert.All(pages.SkipLast(1), p => Assert.Matches("""^</api/tasks\?channel=whatsapp&limit=2&cursor=[A-Za-z0-9_-]+>; rel="next"$""", p.Link));
        Assert.Null(pages[^1].Link);

        var unpaged = await worker.Http.GetAsync("/api/tasks", Ct);
        Assert.False(unpaged.Headers.Contains("Link"));
        Assert.Equal(6, (await unpaged.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetArrayLength());
        Assert.Equal([email], (await worker.Http.GetFromJsonAsync<JsonElement>("/api/tasks?state=queued,offered&channel=email", Ct))
            .EnumerateArray().Select(t => t.GetProperty("id").GetGuid()));

        // An agent is shown their own tasks only: none of these is theirs.
        await worker.PutAgentAsync("ann", skill: "support");
        using var ann = await worker.KeyAsync("agent", "ann");
        Assert.Equal(0, (await ann.GetFromJsonAsync<JsonElement>("/api/tasks?limit=1", Ct)).GetArrayLength());
    }

    [Fact]
    public async Task A_bad_limit_cursor_or_filter_on_any_list_is_a_400_problem_naming_the_field()
    {
        await using var worker = await PanelWorld.StartAsync(settings: await StoreSettingsAsync());
        for (var i = 0; i < 2; i++)
        {
            await worker.ArrivesAsync("whatsapp", $"+44770091{i:0000}");
        }

        var (task, _) = await worker.ArrivesAsync("whatsapp", "+447700919999");
        var first = await worker.Http.GetAsync("/api/tasks?limit=1", Ct);
        var taskCursor = NextCursor(first.Headers);

        var cases = new (string Url, string Field)[]
        {
            ("/api/tasks?limit=0", "limit"),
            ("/api/tasks?limit=1001", "limit"),
            ("/api/tasks?limit=ten", "limit"),
            ("/api/tasks?cursor=not-a-cursor", "cursor"),
            ("/api/tasks?state=sleeping", "state"),
            ("/api/tasks?state=queued,sleeping", "state"),
            ("/api/tasks?channel=fax", "channel"),
            ("/api/tasks?since=yesterday", "since"),
            ("/api/tasks?since=2026-12-07T09:00:00", "since"),
            ("/api/tasks?since=2026-12-07T10:00:00Z&until=2026-12-07T09:00:00Z", "until"),
            ("/api/tasks?queue=" + new string('q', 201), "queue"),
            ("/api/outbox?limit=-1", "limit"),
            ("/api/outbox?state=lost", "state"),
            ("/api/outbox?until=soon", "until"),
            // A cursor of another list is not one of this list's.
            ($"/api/outbox?cursor={taskCursor}", "cursor"),
            ("/api/routing/sla-breaches?limit=5000", "limit"),
            ($"/api/routing/sla-breaches?cursor={taskCursor}", "cursor"),
            ("/api/routing/sla-breaches?channel=pigeon", "channel"),
            ($"/api/routing/decisions/{task}?limit=0", "limit"),
            ($"/api/routing/decisions/{task}?cursor={taskCursor}", "cursor"),
        };

        foreach (var (url, field) in cases)
        {
            var response = await worker.Http.GetAsync(url, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url} → {(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _), $"{url}: {body} does not name {field}");
        }

        Assert.Equal(HttpStatusCode.OK, (await worker.Http.GetAsync("/health/ready", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_tasks_decisions_and_the_breaches_page_with_the_same_convention()
    {
        await using var worker = await PanelWorld.StartAsync("""
            channels:
              whatsapp: { answerWithin: 1s }
            """, await StoreSettingsAsync());
        var tasks = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            tasks.Add((await worker.ArrivesAsync("whatsapp", $"+44770092{i:0000}")).Task);
        }

        // Nobody is online: each waits past its one-second target and the router marks the breach.
        await Eventually.TrueAsync(async () => (await worker.Http.GetFromJsonAsync<JsonElement>("/api/routing/sla-breaches", Ct)).GetArrayLength() == 3,
            TimeSpan.FromSeconds(20), () => worker.Output);

        var breaches = await PagesAsync(worker.Http, "/api/routing/sla-breaches?limit=2");

        Assert.Equal([2, 1], breaches.Select(p => p.Items.Count));
        Assert.Equal(tasks.Order(), breaches.SelectMany(p => p.Items).Select(t => t.GetProperty("id").GetGuid()).Order());
        var breachedAt = breaches.SelectMany(p => p.Items).Select(t => t.GetProperty("slaBreachedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(breachedAt.OrderDescending(), breachedAt);

        // Ann comes online and is offered a task: its decisions read as one page, with no next link.
        await worker.PutAgentAsync("ann", skill: "support");
        await worker.OnlineAsync("ann", "whatsapp");
        await worker.UntilStateAsync(tasks[0], "offered");
        var decisions = await PagesAsync(worker.Http, $"/api/routing/decisions/{tasks[0]}?limit=1000");
        Assert.Single(decisions);
        Assert.NotEmpty(decisions[0].Items);
        Assert.All(decisions[0].Items, d => Assert.Equal(tasks[0], d.GetProperty("taskId").GetGuid()));
    }

    private static async Task<List<(List<JsonElement> Items, string? Link)>> PagesAsync(HttpClient client, string url)
    {
        var pages = new List<(List<JsonElement>, string?)>();
        for (string? next = url; next is not null;)
        {
            var response = await client.GetAsync(next, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var link = response.Headers.TryGetValues("Link", out var values) ? values.Single() : null;
            pages.Add(([.. (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).EnumerateArray()], link));
            next = link is null ? null : link[1..link.IndexOf('>', StringComparison.Ordinal)];
            Assert.True(pages.Count < 50, "the pages never end");
        }

        return pages;
    }

    private static string NextCursor(System.Net.Http.Headers.HttpResponseHeaders headers)
    {
        var link = Assert.Single(headers.GetValues("Link"));
        return link[(link.IndexOf("cursor=", StringComparison.Ordinal) + "cursor=".Length)..link.IndexOf('>', StringComparison.Ordinal)];
    }
}

public sealed class SqliteListPagingApiTests : ListPagingApiTests
{
    protected override Task<Dictionary<string, string?>> StoreSettingsAsync() => Task.FromResult(new Dictionary<string, string?>());
}

public sealed class PostgresListPagingApiTests : ListPagingApiTests
{
    protected override async Task<Dictionary<string, string?>> StoreSettingsAsync() =>
        new() { ["ConnectionStrings__Connector"] = await TestPostgres.CreateDatabaseAsync() };
}
