using Connector.Core.Intake;
using Connector.Core.Outbox;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Webhooks;
using static Connector.Worker.Tests.Infrastructure.Events;

namespace Connector.Worker.Tests.Storage;

/// <summary>
/// What intake's one transaction holds, on each store: the raw delivery commits with the state it produced, and CRM
/// work for one customer is coalesced while it waits.
/// </summary>
public abstract class IntakeTransactionContractTests
{
    protected abstract Task<StoreUnderTest> CreateStoreAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_raw_delivery_is_kept_with_the_state_it_produced_and_a_redelivery_keeps_it_once()
    {
        await using var s = await CreateStoreAsync();
        var raws = new RawEventStore(s.Dialect, new Core.Compliance.SensitiveDataRedactor());
        var raw = new InboundRawEvent("eg-1", "Microsoft.Communication.AdvancedMessageReceived", "acs", """{"id":"eg-1"}""");

        var first = await s.Intake.AcceptAsync(Events.WhatsApp("eg-1", "+447700900901", Monday9am), raw, Ct);
        var again = await s.Intake.AcceptAsync(Events.WhatsApp("eg-1", "+447700900901", Monday9am), raw, Ct);

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(1, await raws.CountAsync(Ct));
        Assert.Single(await s.Store.ListTasksAsync(null, Ct));
    }

    [Fact]
    public async Task A_raw_delivery_whose_intake_fails_is_not_kept_and_its_id_stays_unspent()
    {
        await using var s = await CreateStoreAsync();
        var raws = new RawEventStore(s.Dialect, new Core.Compliance.SensitiveDataRedactor());
        var raw = new InboundRawEvent("eg-2", "Microsoft.Communication.AdvancedMessageReceived", "acs", """{"id":"eg-2"}""");
        // Names a conversation that does not exist: intake refuses it after the raw record was written in its transaction.
        var bad = Events.WhatsApp("eg-2", "+447700900902", Monday9am) with { ConversationId = Guid.CreateVersion7() };

        await Assert.ThrowsAsync<InvalidInboundEventException>(() => s.Intake.AcceptAsync(bad, raw, Ct));

        Assert.Equal(0, await raws.CountAsync(Ct));
        Assert.Empty(await s.Store.ListTasksAsync(null, Ct));
        Assert.False((await s.Intake.AcceptAsync(Events.WhatsApp("eg-2", "+447700900902", Monday9am), raw, Ct)).Duplicate);
        Assert.Equal(1, await raws.CountAsync(Ct));
    }

    [Fact]
    public async Task Changes_to_one_customer_while_their_contact_sync_waits_add_no_second_row_but_a_change_after_it_is_claimed_does()
    {
        await using var s = await CreateStoreAsync();
        await s.Intake.AcceptAsync(Events.WhatsApp("c-1", "+447700900903", Monday9am), Ct);
        // The same person gives their number in a web chat: a change of the customer, while the first sync still waits.
        await s.Intake.AcceptAsync(ChatIdentify("c-2", "acs-user-903", Monday9am.AddMinutes(1), Phone("+447700900903")), Ct);

        var waiting = ContactSyncs(await s.Outbox.ListAsync(null, Ct));
        Assert.Single(waiting);

        var claimed = await s.Outbox.ClaimDueAsync(s.Time.GetUtcNow(), TimeSpan.FromMinutes(2), 10, Ct);
        Assert.Single(claimed);
        // Handed to Hangfire: that job may have read the customer already, so the next change is work of its own.
        await s.Intake.AcceptAsync(ChatIdentify("c-3", "acs-user-903", Monday9am.AddMinutes(2), EmailAddress("pat@example.com")), Ct);

        var rows = ContactSyncs(await s.Outbox.ListAsync(null, Ct));
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(waiting[0].CustomerId, r.CustomerId));
    }

    [Fact]
    public async Task A_returning_customer_continues_their_conversation_and_task_through_the_held_customer_row()
    {
        await using var s = await CreateStoreAsync();
        var first = await s.Intake.AcceptAsync(Events.WhatsApp("r-1", "+447700900904", Monday9am), Ct);
        var second = await s.Intake.AcceptAsync(Events.WhatsApp("r-2", "+447700900904", Monday9am.AddMinutes(5), "Still broken"), Ct);

        Assert.False(second.CustomerCreated);
        Assert.Equal(first.CustomerId, second.CustomerId);
        Assert.Equal(first.ConversationId, second.ConversationId);
        Assert.Equal(first.TaskId, second.TaskId);
        var view = await s.Store.GetConversationAsync(first.ConversationId!.Value, Ct);
        Assert.Equal(["Hello, my router is broken", "Still broken"], view!.Timeline.Select(e => e.Text));
        Assert.Equal(Monday9am.AddMinutes(5), view.Conversation.LastActivityAt);
    }

    private static List<OutboxMessage> ContactSyncs(IEnumerable<OutboxMessage> rows) => [.. rows.Where(r => r.Kind == OutboxKind.ContactSync)];
}

public sealed class SqliteIntakeTransactionContractTests : IntakeTransactionContractTests
{
    protected override Task<StoreUnderTest> CreateStoreAsync() => StoreUnderTest.SqliteAsync();
}

public sealed class PostgresIntakeTransactionContractTests : IntakeTransactionContractTests
{
    protected override Task<StoreUnderTest> CreateStoreAsync() => StoreUnderTest.PostgresAsync();
}
