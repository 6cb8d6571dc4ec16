using Connector.Core.Channels;
using Connector.Core.Outbox;
using Connector.Core.Routing;
using Connector.Core.Routing.Engine;
using Connector.Core.Storage;
using Connector.Worker.Tests.Infrastructure;
using static Connector.Worker.Tests.Infrastructure.Events;

namespace Connector.Worker.Tests.Storage;

/// <summary>
/// The paged lists and the boards' counts on each store (<see cref="SqliteListPagingContractTests"/>,
/// <see cref="PostgresListPagingContractTests"/>): a page holds at most its limit, following the pages yields every item
/// exactly once in key order, filters and the reader's scope are applied by the database.
/// </summary>
public abstract class ListPagingContractTests
{
    protected abstract Task<StoreUnderTest> CreateStoreAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tasks_come_a_limit_at_a_time_in_id_order_and_following_the_pages_yields_each_once()
    {
        await using var s = await CreateStoreAsync();
        var ids = await ArriveAsync(s, 7);

        var pages = await AllPagesAsync<RoutingTask, Guid>(
            after => s.Store.ListTaskPageAsync(new TaskListQuery(WorkScope.Everything, 3, After: after), Ct), t => t.Id);

        Assert.Equal([3, 3, 1], pages.Select(p => p.Count));
        Assert.Equal(InKeyOrder([.. ids]), pages.SelectMany(p => p).Select(t => t.Id));
    }

    [Fact]
    public async Task Tasks_are_filtered_by_state_queue_channel_agent_and_arrival_time()
    {
        await using var s = await CreateStoreAsync();
        var ids = await ArriveAsync(s, 4);
        var email = (await s.Intake.AcceptAsync(Mail("paging-mail", "pat@example.com", Monday9am), Ct)).TaskId!.Value;
        var offeredAt = s.Time.GetUtcNow();
        await s.Routing.SaveRoutingAsync(
            [
                new TaskRoutingChange(ids[0], RoutingTaskState.Offered, "ann", "support", null, offeredAt.AddSeconds(30), null, null, offeredAt),
                new TaskRoutingChange(ids[1], RoutingTaskState.Assigned, "bob", "support", null, null, null, null, offeredAt),
                new TaskRoutingChange(email, RoutingTaskState.Assigned, "ann", "billing", null, null, null, null, offeredAt),
            ],
            [], "test", Ct);
        var tasks = await s.Store.ListTasksAsync(null, Ct);
        var arrivedAt = tasks.ToDictionary(t => t.Id, t => t.CreatedAt);

        async Task<List<Guid>> Ids(TaskListQuery query) => [.. (await s.Store.ListTaskPageAsync(query, Ct)).Items.Select(t => t.Id)];
        var all = new TaskListQuery(WorkScope.Everything, 100);

        Assert.Equal(InKeyOrder(ids[2], ids[3]), await Ids(all with { States = [RoutingTaskState.Queued] }));
        Assert.Equal(InKeyOrder(ids[0], ids[1]), await Ids(all with { States = [RoutingTaskState.Offered, RoutingTaskState.Assigned], Queue = "support", Channel = Channel.WhatsApp }));
        Assert.Equal([email], await Ids(all with { Channel = Channel.Email }));
        Assert.Equal(InKeyOrder(ids[0], email), await Ids(all with { AgentId = "ann" }));
        Assert.Equal(InKeyOrder(ids[1], ids[2]), await Ids(all with { Since = arrivedAt[ids[1]], Until = arrivedAt[ids[3]] }));
        Assert.Empty(await Ids(all with { Queue = "nobody's" }));
    }

    [Fact]
    public async Task An_agent_reads_only_their_tasks_and_a_supervisor_also_their_queues_before_the_page_is_cut()
    {
        await using var s = await CreateStoreAsync();
        var ids = await ArriveAsync(s, 6);
        var at = s.Time.GetUtcNow();
        await s.Routing.SaveRoutingAsync(
            [
                new TaskRoutingChange(ids[1], RoutingTaskState.Assigned, "ann", "support", null, null, null, null, at),
                new TaskRoutingChange(ids[4], RoutingTaskState.Offered, "ann", "billing", null, at.AddSeconds(30), null, null, at),
                new TaskRoutingChange(ids[5], RoutingTaskState.Assigned, "bob", "billing", null, null, null, null, at),
            ],
            [], "test", Ct);

        var asAnn = await AllPagesAsync<RoutingTask, Guid>(after => s.Store.ListTaskPageAsync(new TaskListQuery(new WorkScope("ann", []), 1, After: after), Ct), t => t.Id);
        var asSue = await AllPagesAsync<RoutingTask, Guid>(after => s.Store.ListTaskPageAsync(new TaskListQuery(new WorkScope("sue", ["billing"]), 1, After: after), Ct), t => t.Id);
        var asNobody = await s.Store.ListTaskPageAsync(new TaskListQuery(new WorkScope(null, []), 100), Ct);

        // A page of one each time: the tasks others may not see are left out by the query, not after it.
        Assert.Equal(InKeyOrder(ids[1], ids[4]), asAnn.SelectMany(p => p).Select(t => t.Id));
        Assert.Equal(InKeyOrder(ids[4], ids[5]), asSue.SelectMany(p => p).Select(t => t.Id));
        Assert.Empty(asNobody.Items);
        Assert.False(asNobody.HasMore);
    }

    [Fact]
    public async Task Outbox_rows_come_in_the_order_written_filtered_by_state_kind_and_time()
    {
        await using var s = await CreateStoreAsync();
        await ArriveAsync(s, 5); // each new customer's contact sync
        var rows = await s.Outbox.ListAsync(null, Ct);
        await s.Outbox.CompleteAsync(rows[1].Id, s.Time.GetUtcNow(), Ct);

        var pages = await AllPagesAsync<OutboxMessage, long>(after => s.Outbox.ListPageAsync(new OutboxListQuery(2, After: after), Ct), r => r.Id);

        Assert.Equal([2, 2, 1], pages.Select(p => p.Count));
        Assert.Equal(rows.Select(r => r.Id), pages.SelectMany(p => p).Select(r => r.Id));
        var all = new OutboxListQuery(100);
        Assert.Equal([rows[1].Id], (await s.Outbox.ListPageAsync(all with { State = OutboxState.Done }, Ct)).Items.Select(r => r.Id));
        Assert.Equal(5, (await s.Outbox.ListPageAsync(all with { Kind = OutboxKind.ContactSync }, Ct)).Items.Count);
        Assert.Empty((await s.Outbox.ListPageAsync(all with { Kind = OutboxKind.CrmAttach }, Ct)).Items);
        Assert.Equal([rows[2].Id, rows[3].Id], (await s.Outbox.ListPageAsync(all with { Since = rows[2].CreatedAt, Until = rows[4].CreatedAt }, Ct)).Items.Select(r => r.Id));
    }

    [Fact]
    public async Task A_tasks_decisions_come_in_the_order_made_even_several_of_the_same_instant()
    {
        await using var s = await CreateStoreAsync();
        var task = (await ArriveAsync(s, 1))[0];
        var at = s.Time.GetUtcNow();
        // Three decisions share an instant: the id orders them, and no page boundary between them loses or repeats one.
        var decisions = new[] { at, at.AddSeconds(1), at.AddSeconds(1), at.AddSeconds(1), at.AddSeconds(2) }
            .Select(when => new RoutingDecision(Guid.CreateVersion7(), task, when, Channel.WhatsApp, "support", "anyAgent", 1, "ann", "offered", []))
            .ToList();
        await s.Routing.SaveRoutingAsync([], decisions, "test", Ct);

        var pages = await AllPagesAsync<RoutingDecision, (DateTimeOffset, Guid)>(
            after => s.Routing.ListDecisionsAsync(task, after, 2, Ct), d => (d.At, d.Id));

        Assert.Equal([2, 2, 1], pages.Select(p => p.Count));
        Assert.Equal(decisions.OrderBy(d => d.At).ThenBy(d => d.Id.ToString("D"), StringComparer.Ordinal).Select(d => d.Id), pages.SelectMany(p => p).Select(d => d.Id));
        Assert.Equal(5, (await s.Routing.ListDecisionsAsync(task, Ct)).Count);
    }

    [Fact]
    public async Task Breaches_come_latest_first_by_the_later_of_their_two_targets_within_the_readers_queues()
    {
        await using var s = await CreateStoreAsync();
        var ids = await ArriveAsync(s, 6);
        var t0 = s.Time.GetUtcNow();
        await s.Routing.SaveRoutingAsync(
            [
                new TaskRoutingChange(ids[0], RoutingTaskState.Queued, null, "support", null, null, null, t0.AddMinutes(1), t0),
                new TaskRoutingChange(ids[1], RoutingTaskState.Queued, null, "support", null, null, null, null, t0) { FirstResponseBreachedAt = t0.AddMinutes(5) },
                // Answer target missed first, first response later: the later counts.
                new TaskRoutingChange(ids[2], RoutingTaskState.Queued, null, "billing", null, null, null, t0.AddMinutes(2), t0) { FirstResponseBreachedAt = t0.AddMinutes(4) },
                new TaskRoutingChange(ids[3], RoutingTaskState.Queued, null, "support", null, null, null, t0.AddMinutes(3), t0),
                new TaskRoutingChange(ids[4], RoutingTaskState.Queued, null, "support", null, null, null, t0.AddMinutes(3), t0),
                // Too long ago for the list.
                new TaskRoutingChange(ids[5], RoutingTaskState.Queued, null, "support", null, null, null, t0.AddDays(-3), t0),
            ],
            [], "test", Ct);
        var sameInstant = new[] { ids[3], ids[4] }.OrderByDescending(id => id.ToString("D"), StringComparer.Ordinal).ToList();

        var pages = await AllPagesAsync<RoutingTask, (DateTimeOffset, Guid)>(
            before => s.Routing.ListSlaBreachesAsync(new SlaBreachQuery(WorkScope.Everything, 2, t0.AddDays(-1), Before: before), Ct),
            t => (new[] { t.SlaBreachedAt, t.FirstResponseBreachedAt }.Max()!.Value, t.Id));

        Assert.Equal([2, 2, 1], pages.Select(p => p.Count));
        Assert.Equal([ids[1], ids[2], .. sameInstant, ids[0]], pages.SelectMany(p => p).Select(t => t.Id));

        async Task<List<Guid>> Ids(SlaBreachQuery query) => [.. (await s.Routing.ListSlaBreachesAsync(query, Ct)).Items.Select(t => t.Id)];
        var all = new SlaBreachQuery(WorkScope.Everything, 100, t0.AddDays(-1));
        Assert.Equal([ids[2]], await Ids(all with { Scope = new WorkScope("sue", ["billing"]) }));
        Assert.Equal([ids[2]], await Ids(all with { Queue = "billing" }));
        Assert.Equal([.. sameInstant, ids[0]], await Ids(all with { Until = t0.AddMinutes(4) }));
        Assert.Equal([ids[1], ids[2], .. sameInstant, ids[0], ids[5]], await Ids(all with { Since = t0.AddDays(-4) }));
        Assert.Empty(await Ids(all with { Channel = Channel.Email }));
    }

    [Fact]
    public async Task The_queue_board_counts_waiting_late_and_answered_work_per_queue_and_channel()
    {
        await using var s = await CreateStoreAsync();
        var old = await ArriveAsync(s, 1); // finished two hours ago: outside the last hour
        var at = s.Time.GetUtcNow();
        await s.Routing.SaveRoutingAsync([new TaskRoutingChange(old[0], RoutingTaskState.Completed, "ann", "support", null, null, null, null, at)], [], "test", Ct);
        s.Time.Advance(TimeSpan.FromHours(2));
        var ids = await ArriveAsync(s, 5);
        var now = s.Time.GetUtcNow();
        await s.Routing.SaveRoutingAsync(
            [
                new TaskRoutingChange(ids[0], RoutingTaskState.Assigned, "ann", "support", null, null, null, null, now),
                new TaskRoutingChange(ids[1], RoutingTaskState.Assigned, "bob", "support", null, null, null, now, now), // answered late
                new TaskRoutingChange(ids[2], RoutingTaskState.Offered, "cat", "support", null, now.AddSeconds(30), null, null, now),
                // ids[3] waits with no queue yet; ids[4] is marked breached while waiting.
                new TaskRoutingChange(ids[4], RoutingTaskState.Queued, null, "support", null, null, null, now, now),
            ],
            [], "test", Ct);
        var arrived = (await s.Store.ListTasksAsync(null, Ct)).ToDictionary(t => t.Id, t => t.CreatedAt);

        // Whatsapp work is late when waiting since before ids[3] arrived: ids[2] (offered) is, ids[3] is not.
        var counts = await s.Routing.CountQueueWorkAsync(now.AddHours(-1), new Dictionary<Channel, DateTimeOffset> { [Channel.WhatsApp] = arrived[ids[3]] }, Ct);

        var placed = Assert.Single(counts, c => c.Queue == "support");
        Assert.Equal(new QueueWork("support", null, Channel.WhatsApp, 2, arrived[ids[2]], 1, 2, 2, 4, 1), placed);
        var unplaced = Assert.Single(counts, c => c.Queue is null);
        Assert.Equal(new QueueWork(null, null, Channel.WhatsApp, 1, arrived[ids[3]], 0, 0, 0, 0, 0), unplaced);
        Assert.Equal(["ann", "bob"], (await s.Routing.ListBusyAgentsAsync(Ct)).Order());
    }

    /// <summary>
    /// The order the lists use: ids are UUIDv7, so arrival order to the millisecond; tasks that arrive within one
    /// millisecond (as here) are in the order of the random rest of their ids, on both stores.
    /// </summary>
    private static List<Guid> InKeyOrder(params Guid[] ids) => [.. ids.OrderBy(id => id.ToString("D"), StringComparer.Ordinal)];

    private static int _customers;

    /// <summary>Tasks (and new customers, each with a contact sync row) arriving a second apart on the store's clock.</summary>
    private static async Task<List<Guid>> ArriveAsync(StoreUnderTest s, int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            s.Time.Advance(TimeSpan.FromSeconds(1));
            var number = $"+4477009{Interlocked.Increment(ref _customers) % 100000:00000}";
            ids.Add((await s.Intake.AcceptAsync(Events.WhatsApp($"paging-{Guid.NewGuid():N}", number, s.Time.GetUtcNow()), Ct)).TaskId!.Value);
        }

        return ids;
    }

    /// <summary>Reads page after page, each after the last item of the one before, until the store says there is no more.</summary>
    private static async Task<List<IReadOnlyList<T>>> AllPagesAsync<T, TKey>(Func<TKey?, Task<Page<T>>> read, Func<T, TKey> keyOf) where TKey : struct
    {
        var pages = new List<IReadOnlyList<T>>();
        TKey? after = null;
        while (true)
        {
            var page = await read(after);
            pages.Add(page.Items);
            if (!page.HasMore)
            {
                return pages;
            }

            Assert.True(pages.Count < 100, "the pages never end");
            after = keyOf(page.Items[^1]);
        }
    }
}

public sealed class SqliteListPagingContractTests : ListPagingContractTests
{
    protected override Task<StoreUnderTest> CreateStoreAsync() => StoreUnderTest.SqliteAsync();
}

public sealed class PostgresListPagingContractTests : ListPagingContractTests
{
    protected override Task<StoreUnderTest> CreateStoreAsync() => StoreUnderTest.PostgresAsync();
}
