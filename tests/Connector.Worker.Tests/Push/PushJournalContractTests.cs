using Connector.Worker.Push;
using Connector.Worker.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Connector.Worker.Tests.Push;

/// <summary>
/// The streams' numbered journals on each store: numbers handed out in one statement per transaction, and what a
/// client acknowledged (kept apart from the row writers lock) is what pruning may delete.
/// </summary>
public abstract class PushJournalContractTests
{
    protected abstract Task<StoreUnderTest> CreateStoreAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Messages_to_several_streams_in_one_transaction_are_numbered_in_order_within_each_stream()
    {
        await using var s = await CreateStoreAsync();
        var journal = new PushJournal(s.Dialect, s.Time);

        await AppendAsync(s, journal, [Notice("agent:bob", 1), Notice("agent:ann", 1), Notice("agent:ann", 2), Notice("agent:bob", 2), Notice("agent:ann", 3)]);
        await AppendAsync(s, journal, [Notice("agent:ann", 4)]);

        Assert.Equal([1L, 2, 3, 4], (await journal.ReadAfterAsync("agent:ann", 0, Ct)).Select(e => e.Seq));
        Assert.Equal(["1", "2", "3", "4"], (await journal.ReadAfterAsync("agent:ann", 0, Ct)).Select(e => e.Data));
        Assert.Equal([1L, 2], (await journal.ReadAfterAsync("agent:bob", 0, Ct)).Select(e => e.Seq));
        Assert.Equal(new Dictionary<string, long> { ["agent:ann"] = 4, ["agent:bob"] = 2, ["agent:sue"] = 0 }, await journal.LastSeqsAsync(["agent:ann", "agent:bob", "agent:sue"], Ct));
    }

    [Fact]
    public async Task Pruning_deletes_what_a_client_acknowledged_and_an_acknowledgement_neither_passes_the_last_number_nor_goes_back()
    {
        await using var s = await CreateStoreAsync();
        var journal = new PushJournal(s.Dialect, s.Time);
        await AppendAsync(s, journal, [Notice("agent:ann", 1), Notice("agent:ann", 2), Notice("agent:ann", 3), Notice("agent:bob", 1)]);

        await journal.AckAsync(new Dictionary<string, long> { ["agent:ann"] = 2, ["agent:bob"] = 0 }, Ct);
        await journal.AckAsync(new Dictionary<string, long> { ["agent:ann"] = 9, ["agent:sue"] = 1 }, Ct);
        await journal.AckAsync(new Dictionary<string, long> { ["agent:ann"] = 1 }, Ct);
        var deleted = await journal.PruneAsync(s.Time.GetUtcNow().AddDays(-1), s.Time.GetUtcNow().AddMinutes(1), Ct);

        Assert.Equal(2, deleted);
        Assert.Equal([3L], (await journal.ReadAfterAsync("agent:ann", 0, Ct)).Select(e => e.Seq));
        Assert.Equal([1L], (await journal.ReadAfterAsync("agent:bob", 0, Ct)).Select(e => e.Seq));
    }

    [Fact]
    public async Task Acknowledgements_gathered_between_writes_are_written_in_one_write_with_the_highest_number_per_stream()
    {
        await using var s = await CreateStoreAsync();
        var journal = new PushJournal(s.Dialect, s.Time);
        await AppendAsync(s, journal, [Notice("agent:ann", 1), Notice("agent:ann", 2), Notice("agent:ann", 3), Notice("agent:bob", 1), Notice("agent:bob", 2)]);
        var acks = new PushAcks();
        var writer = new PushAckWriter(acks, journal, Options.Create(new PushOptions()), s.Time, NullLogger<PushAckWriter>.Instance);

        acks.Record("agent:ann", 1);
        acks.Record("agent:ann", 3);
        acks.Record("agent:ann", 2);
        acks.Record("agent:bob", 1);
        await writer.WriteAsync(Ct);
        Assert.Empty(acks.Take());
        var deleted = await journal.PruneAsync(s.Time.GetUtcNow().AddDays(-1), s.Time.GetUtcNow().AddMinutes(1), Ct);

        Assert.Equal(4, deleted);
        Assert.Empty(await journal.ReadAfterAsync("agent:ann", 0, Ct));
        Assert.Equal([2L], (await journal.ReadAfterAsync("agent:bob", 0, Ct)).Select(e => e.Seq));
    }

    [Fact]
    public async Task Acknowledgements_a_write_could_not_store_are_kept_for_the_next_write()
    {
        await using var s = await CreateStoreAsync();
        var journal = new PushJournal(s.Dialect, s.Time);
        await AppendAsync(s, journal, [Notice("agent:ann", 1), Notice("agent:ann", 2)]);
        var acks = new PushAcks();
        var writer = new PushAckWriter(acks, journal, Options.Create(new PushOptions()), s.Time, NullLogger<PushAckWriter>.Instance);
        acks.Record("agent:ann", 1);
        using (var cancelled = new CancellationTokenSource())
        {
            await cancelled.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writer.WriteAsync(cancelled.Token));
        }

        await writer.WriteAsync(Ct);
        var deleted = await journal.PruneAsync(s.Time.GetUtcNow().AddDays(-1), s.Time.GetUtcNow().AddMinutes(1), Ct);

        Assert.Equal(1, deleted);
        Assert.Equal([2L], (await journal.ReadAfterAsync("agent:ann", 0, Ct)).Select(e => e.Seq));
    }

    private static PushNotice Notice(string stream, int n) => new(stream, "test", n);

    private static async Task AppendAsync(StoreUnderTest s, PushJournal journal, IReadOnlyList<PushNotice> notices)
    {
        await using var connection = await s.Dialect.OpenAsync(Ct);
        await using var tx = await connection.BeginTransactionAsync(Ct);
        await journal.AppendAsync(connection, tx, notices, Ct);
        await tx.CommitAsync(Ct);
    }
}

public sealed class SqlitePushJournalContractTests : PushJournalContractTests
{
    protected override Task<StoreUnderTest> CreateStoreAsync() => StoreUnderTest.SqliteAsync();
}

public sealed class PostgresPushJournalContractTests : PushJournalContractTests
{
    protected override Task<StoreUnderTest> CreateStoreAsync() => StoreUnderTest.PostgresAsync();
}
