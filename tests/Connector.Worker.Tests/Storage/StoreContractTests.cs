using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Customers;
using Connector.Core.Intake;
using Connector.Core.Outbox;
using Connector.Core.Routing;
using Connector.Core.Routing.Engine;
using Connector.Worker.Tests.Infrastructure;
using static Connector.Worker.Tests.Infrastructure.Events;

namespace Connector.Worker.Tests.Storage;

/// <summary>
/// What every store must do, run against each one (<see cref="SqliteStoreContractTests"/>,
/// <see cref="PostgresStoreContractTests"/>), through the real intake.
/// </summary>
public abstract class StoreContractTests
{
    protected abstract Task<StoreUnderTest> CreateStoreAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhatsApp_then_a_call_then_an_email_linked_by_web_chat_are_one_customer_one_conversation_three_segments()
    {
        await using var s = await CreateStoreAsync();
        var whatsapp = await s.Intake.AcceptAsync(Events.WhatsApp("wa-1", "+44 7700 900123", Monday9am), Ct);
        var call = await s.Intake.AcceptAsync(Call("call-1", "07700900123", Monday9am.AddMinutes(20), "conn-1"), Ct);
        var identify = await s.Intake.AcceptAsync(ChatIdentify("chat-form-1", "acs-user-77", Monday9am.AddMinutes(30), Phone("07700 900123"), EmailAddress("  Jane.Doe@Example.COM ")), Ct);
        var email = await s.Intake.AcceptAsync(Mail("mail-1", "jane.doe@example.com", Monday9am.AddHours(2)), Ct);

        Assert.True(whatsapp.CustomerCreated);
        Assert.All([call, identify, email], r => Assert.Equal(whatsapp.CustomerId, r.CustomerId));
        Assert.Equal(whatsapp.ConversationId, call.ConversationId);
        Assert.Equal(whatsapp.ConversationId, email.ConversationId);
        Assert.Null(identify.ConversationId);

        var customer = await s.Store.FindCustomerAsync(new CustomerIdentity(IdentityKind.Email, "jane.doe@example.com"), Ct);
        Assert.NotNull(customer);
        Assert.Equal(whatsapp.CustomerId, customer.Id);
        Assert.Equivalent(
            new[] { "whatsapp:+447700900123", "phone:+447700900123", "chat:acs-user-77", "email:jane.doe@example.com" },
            customer.Identities.Select(i => i.ToString()).ToArray());
        Assert.Equal([whatsapp.ConversationId!.Value], await s.Store.ListConversationIdsAsync(customer.Id, Ct));

        var view = await s.Store.GetConversationAsync(whatsapp.ConversationId.Value, Ct);
        Assert.NotNull(view);
        Assert.Equal([Channel.WhatsApp, Channel.Voice, Channel.Email], view.Conversation.Segments.Select(x => x.Channel));
        Assert.Equal(Monday9am.AddMinutes(20), view.Conversation.Segments[0].EndedAt);
        Assert.Equal(Monday9am.AddHours(2), view.Conversation.Segments[1].EndedAt);
        Assert.Null(view.Conversation.Segments[2].EndedAt);
        Assert.Equal(3, view.Timeline.Count);
        Assert.Equal(Monday9am.AddHours(2), view.Conversation.LastActivityAt);
    }

    [Fact]
    public async Task The_same_event_id_delivered_twice_gives_one_timeline_event_and_one_task()
    {
        await using var s = await CreateStoreAsync();
        var first = await s.Intake.AcceptAsync(Events.WhatsApp("evt-dup", "+447700900123", Monday9am), Ct);
        var again = await s.Intake.AcceptAsync(Events.WhatsApp("evt-dup", "+447700900123", Monday9am), Ct);

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        var view = await s.Store.GetConversationAsync(first.ConversationId!.Value, Ct);
        Assert.Single(view!.Timeline);
        Assert.Single(await s.Store.ListTasksAsync(null, Ct));
        Assert.Single(await s.Outbox.ListAsync(null, Ct)); // the contact sync, once (a timeline event has no row of its own)
    }

    [Fact]
    public async Task The_same_event_delivered_in_parallel_is_taken_once()
    {
        await using var s = await CreateStoreAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => s.Intake.AcceptAsync(Events.WhatsApp("evt-race", "+447700900124", Monday9am), Ct))));

        Assert.Single(results, r => !r.Duplicate);
        var taken = results.Single(r => !r.Duplicate);
        Assert.Single((await s.Store.GetConversationAsync(taken.ConversationId!.Value, Ct))!.Timeline);
    }

    [Fact]
    public async Task Events_of_one_new_customer_arriving_at_once_create_one_customer()
    {
        await using var s = await CreateStoreAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Task.Run(() => s.Intake.AcceptAsync(Events.WhatsApp($"evt-burst-{i}", "+447700900125", Monday9am.AddSeconds(i)), Ct))));

        Assert.Single(results.Select(r => r.CustomerId).Distinct());
        Assert.Single(results.Select(r => r.ConversationId).Distinct());
        Assert.Single(await s.Store.ListTasksAsync(RoutingTaskState.Queued, Ct));
        var view = await s.Store.GetConversationAsync(results[0].ConversationId!.Value, Ct);
        Assert.Equal(6, view!.Timeline.Count);
        Assert.Single(view.Conversation.Segments);
    }

    [Fact]
    public async Task Two_customers_with_different_salesforce_contacts_are_never_merged_even_when_an_event_links_them()
    {
        await using var s = await CreateStoreAsync();
        var ann = await s.Intake.AcceptAsync(Events.WhatsApp("a-1", "+447700900201", Monday9am) with { CrmRefs = [new CrmRecordRef("salesforce", "003A")] }, Ct);
        var bob = await s.Intake.AcceptAsync(Mail("b-1", "bob@example.com", Monday9am.AddMinutes(1)) with { CrmRefs = [new CrmRecordRef("salesforce", "003B")] }, Ct);

        // A chat visitor who gives Ann's phone and Bob's email.
        var link = await s.Intake.AcceptAsync(Events.Chat("c-1", "visitor-9", Monday9am.AddMinutes(5), "Hi", Phone("+447700900201"), EmailAddress("bob@example.com")), Ct);

        Assert.NotEqual(ann.CustomerId, bob.CustomerId);
        Assert.Empty(link.MergedCustomerIds);
        Assert.Equal([bob.CustomerId], link.ConflictingCustomerIds);
        var annNow = await s.Store.GetCustomerAsync(ann.CustomerId, Ct);
        var bobNow = await s.Store.GetCustomerAsync(bob.CustomerId, Ct);
        Assert.Equal("003A", annNow!.CrmRefFor("salesforce")!.RecordId);
        Assert.Equal("003B", bobNow!.CrmRefFor("salesforce")!.RecordId);
        Assert.Contains(new CustomerIdentity(IdentityKind.Email, "bob@example.com"), bobNow.Identities);
        Assert.DoesNotContain(new CustomerIdentity(IdentityKind.Email, "bob@example.com"), annNow.Identities);
        var conflict = Assert.Single(await s.Store.ListIdentityConflictsAsync(ann.CustomerId, Ct));
        Assert.Equal("salesforce", conflict.Crm);
        Assert.Equal(bob.CustomerId, conflict.OtherCustomerId);
        Assert.Contains("003A", conflict.Detail, StringComparison.Ordinal);
        Assert.Contains("003B", conflict.Detail, StringComparison.Ordinal);
        Assert.Empty(await s.Store.ListMergesAsync(ann.CustomerId, Ct));
    }

    [Fact]
    public async Task An_event_that_links_two_customers_merges_them_into_the_older_with_an_audit_entry()
    {
        await using var s = await CreateStoreAsync();
        var older = await s.Intake.AcceptAsync(Events.WhatsApp("o-1", "+447700900301", Monday9am) with { CrmRefs = [new CrmRecordRef("salesforce", "003OLD")] }, Ct);
        s.Time.Advance(TimeSpan.FromMinutes(1));
        var newer = await s.Intake.AcceptAsync(Mail("n-1", "sam@example.com", Monday9am.AddMinutes(1)), Ct);

        var link = await s.Intake.AcceptAsync(Events.Chat("l-1", "visitor-3", Monday9am.AddMinutes(2), "Hi", EmailAddress("sam@example.com"), Phone("+447700900301")), Ct);

        Assert.Equal(older.CustomerId, link.CustomerId);
        Assert.Equal([newer.CustomerId], link.MergedCustomerIds);
        Assert.Null(await s.Store.GetCustomerAsync(newer.CustomerId, Ct));
        var merged = await s.Store.FindCustomerAsync(new CustomerIdentity(IdentityKind.Email, "sam@example.com"), Ct);
        Assert.Equal(older.CustomerId, merged!.Id);
        Assert.Contains(new CustomerIdentity(IdentityKind.Chat, "visitor-3"), merged.Identities);
        Assert.Equivalent(new[] { older.ConversationId!.Value, newer.ConversationId!.Value }, await s.Store.ListConversationIdsAsync(older.CustomerId, Ct));
        var audit = Assert.Single(await s.Store.ListMergesAsync(older.CustomerId, Ct));
        Assert.Equal(newer.CustomerId, audit.MergedCustomerId);
        Assert.Equal("l-1", audit.EventId);
    }

    [Fact]
    public async Task A_contact_after_the_continuity_window_opens_a_new_conversation_and_closes_the_old()
    {
        await using var s = await CreateStoreAsync();
        var first = await s.Intake.AcceptAsync(Events.WhatsApp("w-1", "+447700900401", Monday9am), Ct);
        var within = await s.Intake.AcceptAsync(Call("v-1", "+447700900401", Monday9am.AddHours(71), "conn-9"), Ct);
        var after = await s.Intake.AcceptAsync(Mail("e-1", "x@example.com", Monday9am.AddHours(71 + 73)) with
        {
            Identities = [new InboundIdentity(IdentityKind.Phone, "+447700900401")],
        }, Ct);

        Assert.Equal(first.ConversationId, within.ConversationId);
        Assert.NotEqual(first.ConversationId, after.ConversationId);
        Assert.Equal(first.CustomerId, after.CustomerId);
        var old = await s.Store.GetConversationAsync(first.ConversationId!.Value, Ct);
        Assert.Equal(ConversationState.Closed, old!.Conversation.State);
        Assert.Equal(Monday9am.AddHours(71), old.Conversation.ClosedAt);
        var fresh = await s.Store.GetConversationAsync(after.ConversationId!.Value, Ct);
        Assert.Equal(ConversationState.Open, fresh!.Conversation.State);
        Assert.Equal([Channel.Email], fresh.Conversation.Segments.Select(x => x.Channel));
    }

    [Fact]
    public async Task A_caller_who_hangs_up_while_queued_abandons_the_task_and_async_messages_update_one_task()
    {
        await using var s = await CreateStoreAsync();
        var started = await s.Intake.AcceptAsync(Call("v-start", "+447700900501", Monday9am, "conn-5"), Ct);
        var ended = await s.Intake.AcceptAsync(Call("v-end", "+447700900501", Monday9am.AddSeconds(40), "conn-5", TimelineEventType.CallEnded), Ct);
        await s.Intake.AcceptAsync(Events.WhatsApp("w-a", "+447700900501", Monday9am.AddMinutes(2)), Ct);
        var second = await s.Intake.AcceptAsync(Events.WhatsApp("w-b", "+447700900501", Monday9am.AddMinutes(3)), Ct);

        Assert.Equal(started.TaskId, ended.TaskId);
        var tasks = await s.Store.ListTasksAsync(null, Ct);
        Assert.Equal(RoutingTaskState.Abandoned, tasks.Single(t => t.Channel == Channel.Voice).State);
        var chatTask = tasks.Single(t => t.Channel == Channel.WhatsApp);
        Assert.Equal(second.TaskId, chatTask.Id);
        Assert.Equal(RoutingTaskState.Queued, chatTask.State);
        Assert.Equal(Monday9am.AddMinutes(3), chatTask.CustomerLastMessageAt);
    }

    [Fact]
    public async Task The_routers_change_feed_returns_new_and_closed_tasks_changed_since_a_time_and_no_older_ones()
    {
        await using var s = await CreateStoreAsync();
        var before = await s.Intake.AcceptAsync(Events.WhatsApp("feed-a", "+447700900601", Monday9am), Ct);
        s.Time.Advance(TimeSpan.FromMinutes(1));
        var since = s.Time.GetUtcNow();
        var started = await s.Intake.AcceptAsync(Call("feed-b", "+447700900602", Monday9am, "conn-feed"), Ct);
        s.Time.Advance(TimeSpan.FromSeconds(30));
        await s.Intake.AcceptAsync(Call("feed-c", "+447700900602", Monday9am.AddSeconds(30), "conn-feed", TimelineEventType.CallEnded), Ct);

        var changed = await s.Routing.ListTasksChangedSinceAsync(since, Ct);

        var call = Assert.Single(changed);
        Assert.Equal(started.TaskId, call.Id);
        Assert.Equal(RoutingTaskState.Abandoned, call.State);
        Assert.DoesNotContain(changed, t => t.Id == before.TaskId);
        Assert.Equal(2, (await s.Routing.ListTasksChangedSinceAsync(DateTimeOffset.MinValue, Ct)).Count);
    }

    [Fact]
    public async Task The_agents_board_reads_the_work_agents_hold_each_with_when_its_agent_last_got_it()
    {
        await using var s = await CreateStoreAsync();
        await s.Intake.AcceptAsync(Call("board-a", "+447700900701", Monday9am, "conn-board-a"), Ct);
        await s.Intake.AcceptAsync(Call("board-b", "+447700900701", Monday9am.AddSeconds(30), "conn-board-a", TimelineEventType.CallEnded), Ct);
        s.Time.Advance(TimeSpan.FromMinutes(1));
        var since = s.Time.GetUtcNow();
        var open = (await s.Intake.AcceptAsync(Events.WhatsApp("board-c", "+447700900702", Monday9am.AddMinutes(1)), Ct)).TaskId!.Value;
        var recent = await s.Intake.AcceptAsync(Call("board-d", "+447700900703", Monday9am.AddMinutes(1), "conn-board-d"), Ct);
        await s.Intake.AcceptAsync(Call("board-e", "+447700900703", Monday9am.AddMinutes(2), "conn-board-d", TimelineEventType.CallEnded), Ct);
        // Offered to bob, then (after he declined) to ann: ann has it since her offer.
        var toBob = since.AddSeconds(5);
        var toAnn = since.AddSeconds(20);
        await s.Routing.SaveRoutingAsync(
            [new TaskRoutingChange(open, RoutingTaskState.Offered, "ann", "whatsapp", null, toAnn.AddSeconds(30), null, null, toAnn)],
            [
                new(Guid.NewGuid(), open, toBob, Channel.WhatsApp, "whatsapp", "anyAgent", 1, "bob", "offered", []),
                new(Guid.NewGuid(), open, toAnn, Channel.WhatsApp, "whatsapp", "anyAgent", 1, "ann", "offered", []),
            ],
            "test", Ct);

        var held = await s.Routing.ListHeldTasksAsync(null, Ct);

        // The abandoned call and the finished one are nobody's work any more.
        Assert.Equal([(open, RoutingTaskState.Offered, (DateTimeOffset?)toAnn)], held.Select(b => (b.Task.Id, b.Task.State, b.HeldSince)));
        Assert.Equal([open], (await s.Routing.ListHeldTasksAsync(["ann", "bob"], Ct)).Select(b => b.Task.Id));
        Assert.Empty(await s.Routing.ListHeldTasksAsync(["bob"], Ct));
        Assert.DoesNotContain(held, b => b.Task.Id == recent.TaskId);
    }

    [Fact]
    public async Task An_email_reply_continues_the_conversation_it_answers_even_a_closed_one()
    {
        await using var s = await CreateStoreAsync();
        var first = await s.Intake.AcceptAsync(Mail("m-1", "kim@example.com", Monday9am) with { ExternalRef = "<a1@example.com>" }, Ct);
        var agentReply = await s.Intake.AcceptAsync(new InboundEvent("r-1", Channel.Email, TimelineEventType.Message, Direction.Out, Monday9am.AddHours(1),
            [new InboundIdentity(IdentityKind.Email, "kim@example.com")], "Here you go", "<r1@contact.example>", ConversationId: first.ConversationId), Ct);
        // Five days later a new topic opens a new conversation; then Kim answers the old thread.
        var other = await s.Intake.AcceptAsync(Mail("m-2", "kim@example.com", Monday9am.AddDays(5)) with { ExternalRef = "<b1@example.com>" }, Ct);
        var reply = await s.Intake.AcceptAsync(Mail("m-3", "kim@example.com", Monday9am.AddDays(5).AddHours(1)) with
        {
            ExternalRef = "<a2@example.com>",
            ThreadRefs = ["<a1@example.com>", "<r1@contact.example>"],
        }, Ct);

        Assert.Equal(first.ConversationId, agentReply.ConversationId);
        Assert.NotEqual(first.ConversationId, other.ConversationId);
        Assert.Equal(first.ConversationId, reply.ConversationId);
        var view = await s.Store.GetConversationAsync(first.ConversationId!.Value, Ct);
        Assert.Equal(ConversationState.Open, view!.Conversation.State);
        Assert.Equal(3, view.Timeline.Count);
        Assert.Equal(DeliveryStatuses.Sent, view.Timeline.Single(t => t.Direction == Direction.Out).DeliveryStatus);
    }

    [Fact]
    public async Task Delivery_status_only_moves_forward()
    {
        await using var s = await CreateStoreAsync();
        var first = await s.Intake.AcceptAsync(Events.WhatsApp("w-s", "+447700900901", Monday9am), Ct);
        await s.Intake.AcceptAsync(new InboundEvent("out-1", Channel.WhatsApp, TimelineEventType.Message, Direction.Out, Monday9am.AddMinutes(1),
            [new InboundIdentity(IdentityKind.WhatsApp, "+447700900901")], "On it", "acs-msg-1", ConversationId: first.ConversationId), Ct);

        Assert.True(await s.Store.UpdateDeliveryStatusAsync("acs-msg-1", DeliveryStatuses.Read, Ct));
        Assert.True(await s.Store.UpdateDeliveryStatusAsync("acs-msg-1", DeliveryStatuses.Delivered, Ct));
        Assert.False(await s.Store.UpdateDeliveryStatusAsync("unknown", DeliveryStatuses.Read, Ct));

        var view = await s.Store.GetConversationAsync(first.ConversationId!.Value, Ct);
        Assert.Equal(DeliveryStatuses.Read, view!.Timeline.Single(t => t.Direction == Direction.Out).DeliveryStatus);
        Assert.Single(await s.Store.ListTasksAsync(null, Ct)); // an agent's message opens no task
    }

    [Fact]
    public async Task An_event_with_an_impossible_phone_number_is_refused_with_a_clear_message_and_stores_nothing()
    {
        await using var s = await CreateStoreAsync();
        var ex = await Assert.ThrowsAsync<InvalidInboundEventException>(() => s.Intake.AcceptAsync(Call("bad-1", "not a number", Monday9am, "c"), Ct));

        Assert.Contains("not a number", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await s.Store.ListTasksAsync(null, Ct));
        Assert.Empty(await s.Outbox.ListAsync(null, Ct));
        // The id was not spent: a corrected redelivery is taken.
        Assert.False((await s.Intake.AcceptAsync(Call("bad-1", "+447700900601", Monday9am, "c"), Ct)).Duplicate);
    }

    [Fact]
    public async Task Outbox_rows_are_leased_once_counted_per_attempt_and_not_redone_when_done()
    {
        await using var s = await CreateStoreAsync();
        await s.Intake.AcceptAsync(Events.WhatsApp("o-1", "+447700900701", Monday9am), Ct);
        await s.Intake.AcceptAsync(Events.WhatsApp("o-2", "+447700900702", Monday9am), Ct); // another customer: a contact.sync row of its own
        var now = s.Time.GetUtcNow();

        var claimed = (await s.Outbox.ClaimDueAsync(now, TimeSpan.FromMinutes(2), 10, Ct)).Select(c => c.Id).ToList();
        Assert.Equal(2, claimed.Count);
        Assert.Empty(await s.Outbox.ClaimDueAsync(now, TimeSpan.FromMinutes(2), 10, Ct));

        var attempt = await s.Outbox.StartAttemptAsync(claimed[0], now, TimeSpan.FromMinutes(2), Ct);
        Assert.Equal(1, attempt!.Attempts);
        await s.Outbox.CompleteAsync(claimed[0], now, Ct);
        Assert.Null(await s.Outbox.StartAttemptAsync(claimed[0], now, TimeSpan.FromMinutes(2), Ct));

        await s.Outbox.StartAttemptAsync(claimed[1], now, TimeSpan.FromMinutes(2), Ct);
        await s.Outbox.FailAsync(claimed[1], "CRM said 503", null, Ct);
        var dead = await s.Outbox.GetAsync(claimed[1], Ct);
        Assert.Equal(OutboxState.Dead, dead!.State);
        Assert.Equal("CRM said 503", dead.LastError);
        Assert.Empty(await s.Outbox.ClaimDueAsync(now.AddHours(1), TimeSpan.FromMinutes(2), 10, Ct));

        // Re-run from the dashboard: the dead row is taken up again.
        Assert.Equal(2, (await s.Outbox.StartAttemptAsync(claimed[1], now, TimeSpan.FromMinutes(2), Ct))!.Attempts);
    }

    [Fact]
    public async Task Expired_or_released_leases_make_rows_due_again()
    {
        await using var s = await CreateStoreAsync();
        await s.Intake.AcceptAsync(Events.WhatsApp("l-1", "+447700900801", Monday9am), Ct);
        await s.Intake.AcceptAsync(Events.WhatsApp("l-2", "+447700900802", Monday9am), Ct); // another customer: a contact.sync row of its own
        var now = s.Time.GetUtcNow();
        Assert.Equal(2, (await s.Outbox.ClaimDueAsync(now, TimeSpan.FromMinutes(2), 10, Ct)).Count);

        Assert.Equal(2, (await s.Outbox.ClaimDueAsync(now.AddMinutes(3), TimeSpan.FromMinutes(2), 10, Ct)).Count);
        Assert.Equal(2, await s.Outbox.ReleaseLeasesAsync(Ct));
        Assert.Equal(2, (await s.Outbox.ClaimDueAsync(now.AddMinutes(3), TimeSpan.FromMinutes(2), 10, Ct)).Count);
    }

    [Fact]
    public async Task A_crm_link_is_recorded_once_and_the_first_writer_wins()
    {
        await using var s = await CreateStoreAsync();
        var key = $"{Guid.NewGuid()}:call.activity";
        var first = await s.CrmLinks.RecordAsync(new CrmLink("salesforce", key, "Task", "00T1", s.Time.GetUtcNow()), Ct);
        var second = await s.CrmLinks.RecordAsync(new CrmLink("salesforce", key, "Task", "00T2", s.Time.GetUtcNow()), Ct);
        var otherCrm = await s.CrmLinks.RecordAsync(new CrmLink("hubspot", key, "call", "9001", s.Time.GetUtcNow()), Ct);

        Assert.Equal("00T1", first.RecordId);
        Assert.Equal("00T1", second.RecordId);
        Assert.Equal("9001", otherCrm.RecordId);
        Assert.Equal("00T1", (await s.CrmLinks.FindAsync("salesforce", key, Ct))!.RecordId);
        Assert.Null(await s.CrmLinks.FindAsync("zendesk", key, Ct));
    }

    [Fact]
    public async Task Migrating_again_applies_nothing_and_the_schema_reads_as_current()
    {
        await using var s = await CreateStoreAsync();

        Assert.Empty(await s.Migrator.MigrateAsync(Ct));
        var status = await s.Migrator.GetStatusAsync(Ct);
        Assert.True(status.IsCurrent);
        Assert.True(status.LatestVersion >= 1);
    }
}

public sealed class SqliteStoreContractTests : StoreContractTests
{
    protected override Task<StoreUnderTest> CreateStoreAsync() => StoreUnderTest.SqliteAsync();
}

public sealed class PostgresStoreContractTests : StoreContractTests
{
    protected override Task<StoreUnderTest> CreateStoreAsync() => StoreUnderTest.PostgresAsync();
}
