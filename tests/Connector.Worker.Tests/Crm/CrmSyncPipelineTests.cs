using Connector.Core.Crm;
using Connector.Core.Outbox;
using Connector.Worker.Crm;
using Connector.Worker.Tests.Infrastructure;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage.Monitoring;

namespace Connector.Worker.Tests.Crm;

/// <summary>
/// The outbox → Hangfire → CRM ports pipeline over a recording CRM double: which write each unit of work is,
/// coalescing, the per-customer lock, and the retry rules (back-off, limits, dead letters, re-runs).
/// </summary>
public sealed class CrmSyncPipelineTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Contact_rows_of_one_customer_coalesce_into_one_find_or_create_under_the_customer_lock()
    {
        await using var sync = await CrmSyncUnderTest.StartAsync(CrmCapabilities.Cases);
        sync.Crm.ResolveDelay = TimeSpan.FromMilliseconds(300);
        var customer = default(Guid);
        for (var i = 0; i < 4; i++)
        {
            // A new identity each time, so that each event leaves a contact.sync row of its own.
            var first = await sync.Intake.AcceptAsync(new Core.Intake.InboundEvent(
                $"id-{i}", Core.Channels.Channel.Chat, null, Core.Conversations.Direction.In, DateTimeOffset.UtcNow,
                [new Core.Intake.InboundIdentity(Core.Customers.IdentityKind.Chat, "visitor-1"), new Core.Intake.InboundIdentity(Core.Customers.IdentityKind.Email, $"ann{i}@example.com")]), Ct);
            customer = first.CustomerId;

            // Intake folds a change into a row that still waits unclaimed; once the row is handed to Hangfire, the
            // next event leaves a row of its own, and it is those rows that must meet at the customer lock.
            await Eventually.TrueAsync(
                async () => (await sync.RowsAsync(Ct)).Where(r => r.Kind == OutboxKind.ContactSync).All(r => sync.JobOf(r.Id) is not null),
                Timeout, () => sync.Describe(Ct));
        }

        Assert.Equal(4, (await sync.RowsAsync(Ct)).Count(r => r.Kind == OutboxKind.ContactSync));
        await sync.UntilAllDoneAsync(Timeout, Ct);

        Assert.Equal(1, sync.Crm.CallsOf("resolve"));
        Assert.Equal(1, sync.Crm.MostConcurrentResolves);
        var link = await sync.Links.FindAsync("recording", CrmContactSync.KeyFor(customer), Ct);
        Assert.Equal(sync.Crm.Contacts[customer].RecordId, link!.RecordId);
        Assert.Equal(link.RecordId, (await sync.Store.GetCustomerAsync(customer, Ct))!.CrmRefFor("recording")!.RecordId);
    }

    [Fact]
    public async Task A_wrapped_up_interaction_is_one_batch_with_its_case_and_redacted_transcript_and_a_replay_writes_nothing()
    {
        await using var sync = await CrmSyncUnderTest.StartAsync(CrmCapabilities.Batch | CrmCapabilities.Cases);
        var first = await sync.WhatsAppAsync("+447700900123", "Hi, my card 4111 1111 1111 1111 was charged twice", Ct);
        await sync.WhatsAppAsync("+447700900123", "Can you help?", Ct);
        await sync.Routing.UpsertAgentAsync(new Core.Routing.Agent("ann", "Ann", "standard", new Dictionary<string, int>(), [], "005ANN", [], DateTimeOffset.UtcNow), Ct);
        var key = await sync.WrapUpAsync(first, "ann", "Refund issued", Ct);
        await sync.UntilAllDoneAsync(Timeout, Ct);

        Assert.Equal(["resolve", "interaction"], sync.Crm.Calls);
        var activity = Assert.Single(sync.Crm.Activities).Value;
        Assert.Equal(key, activity.IdempotencyKey);
        Assert.Equal(("005ANN", "Refund issued", Core.Channels.Channel.WhatsApp), (activity.AgentCrmUserId, activity.Disposition, activity.Channel));
        Assert.Contains("Customer: Can you help?", activity.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("4111 1111 1111 1111", activity.Body, StringComparison.Ordinal);
        Assert.Contains("Agent notes:", activity.Body, StringComparison.Ordinal);
        // Message by message too, for CRMs that keep them so: the customer's public, the wrap-up's notes the agent's and
        // private, every text redacted.
        Assert.Equal(
            [(CrmMessageAuthor.Customer, true, null), (CrmMessageAuthor.Customer, true, null), (CrmMessageAuthor.Agent, false, "005ANN")],
            activity.Messages!.Select(m => (m.Author, m.Public, m.AgentCrmUserId)));
        Assert.Equal("Can you help?", activity.Messages![1].Text);
        Assert.DoesNotContain(activity.Messages!, m => m.Text.Contains("4111 1111 1111 1111", StringComparison.Ordinal));
        var crmCase = Assert.Single(sync.Crm.Cases).Value;
        Assert.Equal(CrmInteractionSync.CaseKeyFor(first.ConversationId!.Value), crmCase.IdempotencyKey);
        Assert.Equal(CrmPriority.Normal, crmCase.Priority); // no charter journey: the default priority 0
        Assert.NotNull(await sync.Links.FindAsync("recording", key, Ct));
        Assert.NotNull(await sync.Links.FindAsync("recording", crmCase.IdempotencyKey, Ct));

        // The Worker died after the CRM answered but before the row was marked done: the row runs again, the
        // links are trusted, and nothing is written twice.
        var row = (await sync.RowsAsync(Ct)).Single(r => r.Kind == OutboxKind.InteractionSync);
        await sync.ForgetCompletionAsync(row.Id, Ct);
        await Eventually.TrueAsync(async () => (await sync.Outbox.GetAsync(row.Id, Ct)) is { State: OutboxState.Done, Attempts: 2 }, Timeout, () => sync.Describe(Ct));
        Assert.Equal(1, sync.Crm.CallsOf("interaction"));
        Assert.Equal(1, sync.Crm.CallsOf("resolve"));
    }

    [Fact]
    public async Task Without_a_batch_api_the_case_is_written_first_and_the_activity_names_it()
    {
        await using var sync = await CrmSyncUnderTest.StartAsync(CrmCapabilities.Cases);
        var first = await sync.WhatsAppAsync("+447700900124", "Where is my parcel?", Ct);
        await sync.WrapUpAsync(first, "ann", "Parcel traced", Ct);
        await sync.UntilAllDoneAsync(Timeout, Ct);

        Assert.Equal(["resolve", "case", "activity"], sync.Crm.Calls);
        var activity = Assert.Single(sync.Crm.Activities).Value;
        Assert.Equal("Case", activity.Case?.RecordType);
    }

    [Fact]
    public async Task A_crm_limit_holds_every_row_back_without_using_up_attempts_and_all_drain_once_it_lifts()
    {
        await using var sync = await CrmSyncUnderTest.StartAsync(CrmCapabilities.Batch | CrmCapabilities.Cases);
        sync.Crm.RefuseWith = new CrmRequestFailedException("recording", 403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.", throttled: true);
        var results = new List<Core.Intake.IntakeResult>();
        for (var i = 0; i < 3; i++)
        {
            var result = await sync.WhatsAppAsync($"+44770090020{i}", "Hello", Ct);
            await sync.WrapUpAsync(result, "ann", "Answered", Ct);
            results.Add(result);
        }

        // The rows wait: next attempt in the future, the CRM's error kept, the jobs scheduled on the dashboard with it.
        await Eventually.TrueAsync(async () => (await sync.RowsAsync(Ct)).Count(r => r.LastError?.Contains("REQUEST_LIMIT_EXCEEDED", StringComparison.Ordinal) == true) >= 3, Timeout, () => sync.Describe(Ct));
        var waiting = (await sync.RowsAsync(Ct)).First(r => r.LastError?.Contains("REQUEST_LIMIT_EXCEEDED", StringComparison.Ordinal) == true && r.State == OutboxState.Pending);
        Assert.True(waiting.NextAttemptAt > DateTimeOffset.UtcNow.AddMilliseconds(-700), sync.Describe(Ct));
        // The job keeps moving (scheduled, enqueued, processing, scheduled again): one pass over Hangfire's lists can miss it.
        JobDetailsDto? job = null;
        await Eventually.TrueAsync(() => Task.FromResult((job = sync.JobOf(waiting.Id)) is not null), Timeout, () => sync.Describe(Ct));
        Assert.Contains(job!.History, h => h.StateName == ScheduledState.StateName && h.Reason.Contains("REQUEST_LIMIT_EXCEEDED", StringComparison.Ordinal));

        // Far more limit waits than MaxAttempts (3): nothing is dead-lettered, and the CRM is not hammered.
        await Eventually.TrueAsync(() => Task.FromResult(sync.Crm.Refusals >= 8), Timeout, () => sync.Describe(Ct));
        Assert.DoesNotContain(await sync.RowsAsync(Ct), r => r.State == OutboxState.Dead);

        sync.Crm.RefuseWith = null;
        await sync.UntilAllDoneAsync(Timeout, Ct);
        Assert.Equal(3, sync.Crm.Contacts.Count);
        Assert.Equal(3, sync.Crm.Activities.Count);
        Assert.Equal(3, sync.Crm.InteractionsWritten);
        Assert.Equal(3, sync.Crm.CallsOf("resolve"));
    }

    [Fact]
    public async Task Interactions_waiting_for_the_same_crm_are_coalesced_into_one_batch_call()
    {
        await using var sync = await CrmSyncUnderTest.StartAsync(CrmCapabilities.Batch | CrmCapabilities.Cases, workers: 1, dispatching: false);
        for (var i = 0; i < 4; i++)
        {
            await sync.WrapUpAsync(await sync.WhatsAppAsync($"+44770090050{i}", "Hello", Ct), "ann", "Answered", Ct);
        }

        await sync.StartDispatchingAsync();
        await sync.UntilAllDoneAsync(Timeout, Ct);

        // The first interaction's job took the three others along: one batch call, not four.
        Assert.Equal(1, sync.Crm.CallsOf("batch of 4"));
        Assert.Equal(0, sync.Crm.CallsOf("interaction"));
        Assert.Equal(4, sync.Crm.InteractionsWritten);
        Assert.Equal(4, sync.Crm.Activities.Count);
        foreach (var row in (await sync.RowsAsync(Ct)).Where(r => r.Kind == OutboxKind.InteractionSync))
        {
            Assert.NotNull(await sync.Links.FindAsync("recording", row.IdempotencyKey, Ct));
        }
    }

    [Fact]
    public async Task Work_that_keeps_failing_is_dead_lettered_with_the_crm_error_on_the_dashboard_and_a_requeue_runs_it_again()
    {
        await using var sync = await CrmSyncUnderTest.StartAsync(CrmCapabilities.Cases);
        sync.Crm.RefuseWith = new CrmRequestFailedException("recording", 503, "SERVER_UNAVAILABLE", "down for maintenance");
        var first = await sync.WhatsAppAsync("+447700900300", "Hello", Ct);

        await Eventually.TrueAsync(async () => (await sync.RowsAsync(Ct)).Any(r => r.State == OutboxState.Dead), Timeout, () => sync.Describe(Ct));
        var dead = (await sync.RowsAsync(Ct)).Single(r => r.State == OutboxState.Dead);
        Assert.Equal(OutboxKind.ContactSync, dead.Kind);
        Assert.Contains("SERVER_UNAVAILABLE", dead.LastError, StringComparison.Ordinal);
        Assert.Equal(3, sync.Crm.Refusals); // MaxAttempts = 3, with back-off between them
        // The row is dead-lettered inside the job; Hangfire records the job as Failed just after it throws.
        await Eventually.TrueAsync(() => Task.FromResult(sync.Jobs.GetMonitoringApi().FailedCount() > 0), Timeout, () => sync.Describe(Ct));
        var failed = Assert.Single(sync.Jobs.GetMonitoringApi().FailedJobs(0, 10));
        Assert.Equal(sync.JobIdOf(dead.Id), failed.Key);
        Assert.Contains("SERVER_UNAVAILABLE", failed.Value.ExceptionMessage, StringComparison.Ordinal);
        Assert.Equal(2, sync.JobOf(dead.Id)!.History.Count(h => h.StateName == ScheduledState.StateName));

        // The CRM is back; the dashboard's Requeue re-runs the dead letter.
        sync.Crm.RefuseWith = null;
        sync.Client.Requeue(sync.JobIdOf(dead.Id));
        await sync.UntilAllDoneAsync(Timeout, Ct);
        Assert.True(sync.Crm.Contacts.ContainsKey(first.CustomerId));
    }

    [Fact]
    public async Task A_request_the_crm_rejects_for_good_is_dead_lettered_at_once()
    {
        await using var sync = await CrmSyncUnderTest.StartAsync(CrmCapabilities.Cases);
        sync.Crm.FailNext(new CrmRequestFailedException("recording", 400, "REQUIRED_FIELD_MISSING", "Required fields are missing: [LastName]"));
        await sync.WhatsAppAsync("+447700900301", "Hello", Ct);

        await Eventually.TrueAsync(async () => (await sync.RowsAsync(Ct)).Any(r => r.State == OutboxState.Dead), Timeout, () => sync.Describe(Ct));
        var dead = (await sync.RowsAsync(Ct)).Single(r => r.State == OutboxState.Dead);
        Assert.Equal(1, dead.Attempts);
        Assert.Contains("REQUIRED_FIELD_MISSING", dead.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_after_and_transient_failures_retry_and_succeed_without_a_duplicate()
    {
        await using var sync = await CrmSyncUnderTest.StartAsync(
            CrmCapabilities.Batch | CrmCapabilities.Cases, new Dictionary<string, string?> { ["Crm:Sync:MaxThrottleDelay"] = "00:00:05" });
        var first = await sync.WhatsAppAsync("+447700900302", "Hello", Ct);
        await sync.UntilAllDoneAsync(Timeout, Ct);
        sync.Crm.FailNext(
            new CrmRequestFailedException("recording", 429, "TooManyRequests", "slow down", retryAfter: TimeSpan.FromSeconds(1), throttled: true),
            new CrmRequestFailedException("recording", 500, "UNKNOWN_EXCEPTION", "An unexpected error occurred"));
        var started = DateTimeOffset.UtcNow;
        await sync.WrapUpAsync(first, "ann", "Done", Ct);
        await sync.UntilAllDoneAsync(Timeout, Ct);

        Assert.Equal(["resolve", "failed interaction", "failed interaction", "interaction"], sync.Crm.Calls);
        Assert.Single(sync.Crm.Activities);
        var row = (await sync.RowsAsync(Ct)).Single(r => r.Kind == OutboxKind.InteractionSync);
        Assert.True(row.CompletedAt - started >= TimeSpan.FromSeconds(1), "the Retry-After of 1 s was honoured");
    }

    [Fact]
    public async Task A_stored_recording_waiting_for_its_interaction_rides_in_the_interactions_batch()
    {
        await using var sync = await CrmSyncUnderTest.StartAsync(
            CrmCapabilities.Batch | CrmCapabilities.Cases | CrmCapabilities.BinaryAttachments,
            new Dictionary<string, string?> { ["Crm:Sync:MaxAttempts"] = "20" }, workers: 1, dispatching: false);
        var first = await sync.WhatsAppAsync("+447700900600", "Hello", Ct);
        var recording = new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4 };
        var key = await sync.AttachAsync(first, "recordings/2026/12/call-1.wav", recording, Ct);
        var interaction = await sync.WrapUpAsync(first, "ann", "Answered", Ct);
        await sync.StartDispatchingAsync();
        await sync.UntilAllDoneAsync(Timeout, Ct);

        Assert.Equal(recording, sync.Crm.Attachments[key].Content);
        Assert.Equal(Core.Crm.CrmAttachmentKind.Recording, sync.Crm.Attachments[key].Attachment.Kind);
        Assert.Equal(0, sync.Crm.CallsOf("attach"));
        Assert.Equal(1, sync.Crm.InteractionsWritten);
        Assert.NotNull(await sync.Links.FindAsync("recording", key, Ct));
        Assert.NotNull(await sync.Links.FindAsync("recording", interaction, Ct));
    }

    [Fact]
    public async Task A_file_outside_the_data_directory_is_dead_lettered_at_once_without_holding_up_its_interaction()
    {
        await using var sync = await CrmSyncUnderTest.StartAsync(CrmCapabilities.Batch | CrmCapabilities.Cases | CrmCapabilities.BinaryAttachments);
        var first = await sync.WhatsAppAsync("+447700900601", "Hello", Ct);
        await sync.AttachAsync(first, "../../etc/passwd", null, Ct);
        await sync.WrapUpAsync(first, "ann", "Answered", Ct);

        await Eventually.TrueAsync(async () => (await sync.RowsAsync(Ct)).All(r => r.State != OutboxState.Pending), Timeout, () => sync.Describe(Ct));
        var dead = Assert.Single(await sync.RowsAsync(Ct), r => r.State == OutboxState.Dead);
        Assert.Equal((OutboxKind.CrmAttach, 1), (dead.Kind, dead.Attempts));
        Assert.Contains("leaves the data directory", dead.LastError, StringComparison.Ordinal);
        Assert.Single(sync.Crm.Activities);
        Assert.Empty(sync.Crm.Attachments);
    }

    [Fact]
    public async Task An_ambiguous_contact_keeps_the_candidates_for_the_agent_and_creates_nothing()
    {
        await using var sync = await CrmSyncUnderTest.StartAsync(CrmCapabilities.Cases);
        sync.Crm.Matches = [new("Contact", "003A", "Ann Smith", "+447700900400", null), new("Contact", "003B", "Ann Smyth", "+447700900400", null)];
        var first = await sync.WhatsAppAsync("+447700900400", "Hello", Ct);
        await sync.UntilAllDoneAsync(Timeout, Ct);

        Assert.Empty(sync.Crm.Contacts);
        Assert.Null(await sync.Links.FindAsync("recording", CrmContactSync.KeyFor(first.CustomerId), Ct));
        var candidates = await sync.SyncStore.GetCandidatesAsync("recording", first.CustomerId, Ct);
        Assert.Contains("003A", candidates, StringComparison.Ordinal);
        Assert.Contains("003B", candidates, StringComparison.Ordinal);
    }
}
