using System.Text.Json.Nodes;
using Connector.Core.Outbox;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Routing;

namespace Connector.Worker.Tests.Crm;

/// <summary>
/// End to end: a Worker process with Crm:Provider=Salesforce, a fake Salesforce that speaks the REST wire format, and
/// a WhatsApp conversation taken through routing, an agent reply and wrap-up.
/// </summary>
public sealed class SalesforceSyncEndToEndTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_wrapped_up_WhatsApp_conversation_is_one_contact_one_task_with_the_redacted_transcript_and_one_linked_case(bool killedMidSync)
    {
        await using var setup = await WorkerWithFakeSalesforce.StartAsync();
        await setup.Worker.AgentOnlineAsync("ann", "whatsapp");
        var conversation = await setup.ConversationAsync("+447700900123", "ann", "My card 4111 1111 1111 1111 was charged twice", "Sorry about that, I have refunded it.");
        if (!killedMidSync)
        {
            await setup.WrapUpAsync(conversation, "ann", "Refund issued", "Refund of duplicate charge");
        }
        else
        {
            // Hold every crm_links write (reads go on), so that the Worker writes the interaction to Salesforce and
            // then blocks before it can keep what Salesforce answered: SIGKILL lands exactly there.
            await Eventually.TrueAsync(async () => (await setup.Outbox.ListAsync(null, Ct)).Where(r => r.Kind == OutboxKind.ContactSync).All(r => r.State == OutboxState.Done),
                Timeout, setup.Describe);
            await using var connection = await setup.Database.OpenConnectionAsync(Ct);
            await using var hold = await connection.BeginTransactionAsync(Ct);
            await using (var command = new Npgsql.NpgsqlCommand("LOCK TABLE crm_links IN EXCLUSIVE MODE", connection, hold))
            {
                await command.ExecuteNonQueryAsync(Ct);
            }

            await setup.WrapUpAsync(conversation, "ann", "Refund issued", "Refund of duplicate charge");
            await Eventually.TrueAsync(() => Task.FromResult(setup.Salesforce.CompositeRequests.Count > 0), Timeout, setup.Describe);
            await Eventually.TrueAsync(async () => await BlockedOnCrmLinksAsync(connection), Timeout, setup.Describe);
            await setup.KillAsync();
            await hold.RollbackAsync(Ct);
            Assert.Contains(await setup.Outbox.ListAsync(OutboxState.Pending, Ct), r => r.Kind == OutboxKind.InteractionSync);
            Assert.Single(setup.Salesforce.Records("Task"));
            await setup.RestartAsync();
        }

        await setup.UntilOutboxDrainedAsync(Timeout);
        var contact = Assert.Single(setup.Salesforce.Records("Contact"));
        var task = Assert.Single(setup.Salesforce.Records("Task"));
        var crmCase = Assert.Single(setup.Salesforce.Records("Case"));
        Assert.Equal(contact.Id, task["WhoId"]);
        Assert.Equal(crmCase.Id, task["WhatId"]);
        Assert.Equal(contact.Id, crmCase["ContactId"]);
        Assert.Contains("Sorry about that, I have refunded it.", task["Description"], StringComparison.Ordinal);
        Assert.Contains("was charged twice", task["Description"], StringComparison.Ordinal);
        Assert.DoesNotContain("4111 1111 1111 1111", task["Description"], StringComparison.Ordinal);
        Assert.Contains("Refund issued", task["Subject"], StringComparison.Ordinal);
        Assert.Contains(await setup.Outbox.ListAsync(OutboxState.Done, Ct), r => r.Kind == OutboxKind.InteractionSync && r.IdempotencyKey.StartsWith($"{conversation}:interaction:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_only_Identity_DefaultRegion_set_a_contact_stored_without_a_country_code_is_the_WhatsApp_senders_and_is_not_duplicated()
    {
        await using var setup = await WorkerWithFakeSalesforce.StartAsync();
        var stored = setup.Salesforce.Seed("Contact", new JsonObject { ["FirstName"] = "Ada", ["LastName"] = "Byron", ["Phone"] = "07700 900222" });

        await setup.Worker.WhatsAppArrivesAsync("447700900222");
        await setup.UntilOutboxDrainedAsync(Timeout);

        Assert.Equal(stored, Assert.Single(setup.Salesforce.Records("Contact")).Id);
    }

    [Fact]
    public async Task A_storm_of_REQUEST_LIMIT_EXCEEDED_holds_the_work_visibly_and_it_drains_with_nothing_lost_or_duplicated()
    {
        await using var setup = await WorkerWithFakeSalesforce.StartAsync();
        await setup.Worker.AgentOnlineAsync("ann", "whatsapp");
        // "20 minutes" of refusals, shortened: the org answers REQUEST_LIMIT_EXCEEDED to the next 25 API calls, and the
        // Worker's limit back-off runs 0.5 s → 1 s instead of minutes.
        setup.Salesforce.ThrottleNext(25);
        var first = await setup.ConversationAsync("+447700900201", "ann", "First question", "First answer");
        var second = await setup.ConversationAsync("+447700900202", "ann", "Second question", "Second answer");
        await setup.WrapUpAsync(first, "ann", "Answered", "one");
        await setup.WrapUpAsync(second, "ann", "Answered", "two");

        // The work waits: rows pending with their next attempt in the future and Salesforce's error kept, and the
        // Hangfire job scheduled for that time with the error as its reason (what the dashboard shows).
        // The state is kept as read: with a back-off of a second the job may be enqueued again by the next read.
        OutboxMessage? waiting = null;
        (long JobId, string State, string? Reason) job = default;
        await Eventually.TrueAsync(async () =>
        {
            waiting = (await setup.Outbox.ListAsync(OutboxState.Pending, Ct)).FirstOrDefault(r =>
                r.Kind == OutboxKind.InteractionSync && r.LastError?.Contains("REQUEST_LIMIT_EXCEEDED", StringComparison.Ordinal) == true
                && r.NextAttemptAt > DateTimeOffset.UtcNow);
            if (waiting is null || await setup.JobStateAsync(waiting.Id) is not { State: "Scheduled" } scheduled)
            {
                return false;
            }

            job = scheduled;
            return true;
        }, Timeout, setup.Describe);
        Assert.Contains("REQUEST_LIMIT_EXCEEDED", job.Reason, StringComparison.Ordinal);
        var page = await setup.Worker.Http.GetStringAsync($"/hangfire/jobs/details/{job.JobId}", Ct);
        Assert.Contains("REQUEST_LIMIT_EXCEEDED", page, StringComparison.Ordinal);

        await setup.UntilOutboxDrainedAsync(Timeout);
        Assert.DoesNotContain(await setup.Outbox.ListAsync(null, Ct), r => r.State == OutboxState.Dead);
        Assert.Equal(2, setup.Salesforce.Records("Contact").Count);
        Assert.Equal(2, setup.Salesforce.Records("Task").Count);
        Assert.Equal(2, setup.Salesforce.Records("Case").Count);
        Assert.True(setup.Salesforce.Requests.Count(r => r.StatusCode == 403) >= 25, setup.Describe());
    }

    private static async Task<bool> BlockedOnCrmLinksAsync(Npgsql.NpgsqlConnection connection)
    {
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'crm_links' AND NOT l.granted", connection);
        return (long)(await command.ExecuteScalarAsync(Ct))! > 0;
    }
}
