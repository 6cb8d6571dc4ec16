using System.Text;
using System.Text.Json.Nodes;
using Connector.Core.Outbox;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Routing;

namespace Connector.Worker.Tests.Crm;

/// <summary>
/// End to end: a Worker process with Crm:Provider=Dynamics, a fake Dataverse that speaks the Web API wire format behind
/// a fake Entra ID, and a WhatsApp conversation taken through routing, an agent reply and wrap-up.
/// </summary>
public sealed class DynamicsSyncEndToEndTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_wrapped_up_WhatsApp_conversation_is_one_contact_one_task_with_the_redacted_transcript_as_a_note_and_one_incident(bool killedMidSync)
    {
        await using var setup = await WorkerWithFakeDynamics.StartAsync();
        await setup.Worker.AgentOnlineAsync("ann", "whatsapp");
        var conversation = await setup.ConversationAsync("+447700900123", "ann", "My card 4111 1111 1111 1111 was charged twice", "Sorry about that, I have refunded it.");
        if (!killedMidSync)
        {
            await setup.WrapUpAsync(conversation, "ann", "Refund issued", "Refund of duplicate charge");
        }
        else
        {
            // Hold every crm_links write (reads go on), so that the Worker writes the interaction to Dataverse and
            // then blocks before it can keep what Dataverse answered: SIGKILL lands exactly there.
            await Eventually.TrueAsync(async () => (await setup.Outbox.ListAsync(null, Ct)).Where(r => r.Kind == OutboxKind.ContactSync).All(r => r.State == OutboxState.Done),
                Timeout, setup.Describe);
            await using var connection = await setup.Database.OpenConnectionAsync(Ct);
            await using var hold = await connection.BeginTransactionAsync(Ct);
            await using (var command = new Npgsql.NpgsqlCommand("LOCK TABLE crm_links IN EXCLUSIVE MODE", connection, hold))
            {
                await command.ExecuteNonQueryAsync(Ct);
            }

            await setup.WrapUpAsync(conversation, "ann", "Refund issued", "Refund of duplicate charge");
            await Eventually.TrueAsync(() => Task.FromResult(setup.Dynamics.Records("task").Count > 0), Timeout, setup.Describe);
            await Eventually.TrueAsync(async () => await BlockedOnCrmLinksAsync(connection), Timeout, setup.Describe);
            await setup.KillAsync();
            await hold.RollbackAsync(Ct);
            Assert.Contains(await setup.Outbox.ListAsync(OutboxState.Pending, Ct), r => r.Kind == OutboxKind.InteractionSync);
            Assert.Single(setup.Dynamics.Records("task"));
            await setup.RestartAsync();
        }

        await setup.UntilOutboxDrainedAsync(Timeout);
        var contact = Assert.Single(setup.Dynamics.Records("contact"));
        var task = Assert.Single(setup.Dynamics.Records("task"));
        var incident = Assert.Single(setup.Dynamics.Records("incident"));
        var note = Assert.Single(setup.Dynamics.Records("annotation"));
        Assert.Equal(incident.Id.ToString("D"), task["_regardingobjectid_value"]);
        Assert.Equal(contact.Id.ToString("D"), incident["_customerid_value"]);
        Assert.Equal("3", incident["caseorigincode"]);
        Assert.Equal(("1", "5"), (task["statecode"], task["statuscode"]));
        Assert.Equal(task.Id.ToString("D"), note["_objectid_value"]);
        Assert.Contains("Sorry about that, I have refunded it.", note["notetext"], StringComparison.Ordinal);
        Assert.Contains("was charged twice", note["notetext"], StringComparison.Ordinal);
        Assert.Contains("Refund issued", task["subject"], StringComparison.Ordinal);
        Assert.StartsWith("WhatsApp", task["category"], StringComparison.Ordinal);
        // Dataverse never saw the card number, in any request.
        Assert.All(setup.Dynamics.Requests, r => Assert.DoesNotContain("4111 1111 1111 1111", Encoding.UTF8.GetString(r.Body), StringComparison.Ordinal));
        Assert.Contains(await setup.Outbox.ListAsync(OutboxState.Done, Ct), r => r.Kind == OutboxKind.InteractionSync && r.IdempotencyKey.StartsWith($"{conversation}:interaction:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_only_Identity_DefaultRegion_set_a_contact_stored_without_a_country_code_is_the_WhatsApp_senders_and_is_not_duplicated()
    {
        await using var setup = await WorkerWithFakeDynamics.StartAsync();
        var stored = setup.Dynamics.Seed("contact", new JsonObject { ["firstname"] = "Ada", ["lastname"] = "Byron", ["mobilephone"] = "07700 900222" });

        await setup.Worker.WhatsAppArrivesAsync("447700900222");
        await setup.UntilOutboxDrainedAsync(Timeout);

        Assert.Equal(stored, Assert.Single(setup.Dynamics.Records("contact")).Id);
    }

    [Fact]
    public async Task A_storm_of_service_protection_429s_holds_the_work_with_Dataverses_code_and_it_drains_with_nothing_lost_or_duplicated()
    {
        await using var setup = await WorkerWithFakeDynamics.StartAsync();
        await setup.Worker.AgentOnlineAsync("ann", "whatsapp");
        setup.Dynamics.ThrottleNext(25);
        var first = await setup.ConversationAsync("+447700900201", "ann", "First question", "First answer");
        var second = await setup.ConversationAsync("+447700900202", "ann", "Second question", "Second answer");
        await setup.WrapUpAsync(first, "ann", "Answered", "one");
        await setup.WrapUpAsync(second, "ann", "Answered", "two");

        await Eventually.TrueAsync(async () => (await setup.Outbox.ListAsync(OutboxState.Pending, Ct)).Any(r =>
            r.LastError?.Contains("0x80072322", StringComparison.Ordinal) == true && r.NextAttemptAt > DateTimeOffset.UtcNow), Timeout, setup.Describe);

        await setup.UntilOutboxDrainedAsync(Timeout);
        Assert.DoesNotContain(await setup.Outbox.ListAsync(null, Ct), r => r.State == OutboxState.Dead);
        Assert.Equal(2, setup.Dynamics.Records("contact").Count);
        Assert.Equal(2, setup.Dynamics.Records("task").Count);
        Assert.Equal(2, setup.Dynamics.Records("incident").Count);
        Assert.True(setup.Dynamics.Requests.Count(r => r.StatusCode == 429) >= 25, setup.Describe());
    }

    [Theory]
    [InlineData("Crm__Dynamics__OrganizationUrl", null, "Crm:Dynamics:OrganizationUrl")]
    [InlineData("Crm__Dynamics__ClientId", "my-app", "Crm:Dynamics:ClientId")]
    [InlineData("Crm__Dynamics__ClientSecret", null, "Crm:Dynamics needs ClientSecret or CertificatePath")]
    [InlineData("Crm__Dynamics__MaxConcurrentRequests", "60", "Crm:Dynamics:MaxConcurrentRequests")]
    [InlineData("Crm__Dynamics__InlineFileMaxBytes", "lots", "Crm:Dynamics:InlineFileMaxBytes")]
    public async Task A_wrong_or_missing_Dynamics_setting_stops_start_up_naming_it(string variable, string? value, string named)
    {
        var environment = new Dictionary<string, string?>
        {
            ["Crm__Provider"] = "Dynamics",
            ["Crm__Dynamics__OrganizationUrl"] = "https://contoso.crm.dynamics.com",
            ["Crm__Dynamics__TenantId"] = "contoso.onmicrosoft.com",
            ["Crm__Dynamics__ClientId"] = "7d4b1f0a-5e2c-4a8b-9c3d-1e2f3a4b5c6d",
            ["Crm__Dynamics__ClientSecret"] = "a-secret-that-must-not-be-printed",
        };
        environment[variable] = value;
        await using var worker = WorkerProcess.Start(environment);

        var exitCode = await worker.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(named, worker.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("a-secret-that-must-not-be-printed", worker.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", worker.Output, StringComparison.Ordinal);
    }

    private static async Task<bool> BlockedOnCrmLinksAsync(Npgsql.NpgsqlConnection connection)
    {
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'crm_links' AND NOT l.granted", connection);
        return (long)(await command.ExecuteScalarAsync(Ct))! > 0;
    }
}
