using System.Net.Http.Json;
using System.Text;
using Connector.Core.Outbox;
using Connector.Fakes.Crm.HubSpot;
using Connector.Worker.Storage;
using Connector.Worker.Tests.Fakes.Acs;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Routing;
using Npgsql;

namespace Connector.Worker.Tests.Crm;

/// <summary>
/// End to end: a Worker process with Crm:Provider=HubSpot, a fake HubSpot that speaks the REST wire format (its search
/// index lagging writes), and a WhatsApp conversation taken through routing, an agent reply and wrap-up.
/// </summary>
public sealed class HubSpotSyncEndToEndTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_wrapped_up_WhatsApp_conversation_is_one_contact_one_communication_with_the_redacted_transcript_and_one_linked_ticket(bool killedMidSync)
    {
        await using var setup = await WorkerWithFakeHubSpot.StartAsync();
        await setup.Worker.AgentOnlineAsync("ann", "whatsapp");
        var conversation = await setup.ConversationAsync("+447700900123", "ann", "My card 4111 1111 1111 1111 was charged twice", "Sorry about that, I have refunded it.");
        if (!killedMidSync)
        {
            await setup.WrapUpAsync(conversation, "ann", "Refund issued", "Refund of duplicate charge");
        }
        else
        {
            // Hold every crm_links write (reads go on), so that the Worker writes the interaction to HubSpot and then
            // blocks before it can keep what HubSpot answered: SIGKILL lands exactly there.
            await Eventually.TrueAsync(async () => (await setup.Outbox.ListAsync(null, Ct)).Where(r => r.Kind == OutboxKind.ContactSync).All(r => r.State == OutboxState.Done),
                Timeout, setup.Describe);
            await using var connection = await setup.Database.OpenConnectionAsync(Ct);
            await using var hold = await connection.BeginTransactionAsync(Ct);
            await using (var command = new NpgsqlCommand("LOCK TABLE crm_links IN EXCLUSIVE MODE", connection, hold))
            {
                await command.ExecuteNonQueryAsync(Ct);
            }

            await setup.WrapUpAsync(conversation, "ann", "Refund issued", "Refund of duplicate charge");
            await Eventually.TrueAsync(() => Task.FromResult(setup.HubSpot.Records("communications").Count > 0), Timeout, setup.Describe);
            await Eventually.TrueAsync(async () => await BlockedOnCrmLinksAsync(connection), Timeout, setup.Describe);
            await setup.KillAsync();
            await hold.RollbackAsync(Ct);
            Assert.Contains(await setup.Outbox.ListAsync(OutboxState.Pending, Ct), r => r.Kind == OutboxKind.InteractionSync);
            Assert.Single(setup.HubSpot.Records("communications"));
            await setup.RestartAsync();
        }

        await setup.UntilOutboxDrainedAsync(Timeout);
        var contact = Assert.Single(setup.HubSpot.Records("contacts"));
        var message = Assert.Single(setup.HubSpot.Records("communications"));
        var ticket = Assert.Single(setup.HubSpot.Records("tickets"));
        Assert.Empty(setup.HubSpot.Records("calls"));
        Assert.Empty(setup.HubSpot.Records("notes"));
        Assert.Equal("+447700900123", contact["phone"]);
        Assert.Equal("WHATS_APP", message["hs_communication_channel_type"]);
        Assert.Equal("CRM", message["hs_communication_logged_from"]);
        Assert.Equal([contact.Id], setup.HubSpot.Associated("communications", message.Id, "contacts"));
        Assert.Equal([ticket.Id], setup.HubSpot.Associated("communications", message.Id, "tickets"));
        Assert.Equal([contact.Id], setup.HubSpot.Associated("tickets", ticket.Id, "contacts"));
        var body = message["hs_communication_body"];
        Assert.Contains("Sorry about that, I have refunded it.", body, StringComparison.Ordinal);
        Assert.Contains("was charged twice", body, StringComparison.Ordinal);
        Assert.Contains("Refund issued", body, StringComparison.Ordinal);
        Assert.Contains("Refund issued", ticket["subject"], StringComparison.Ordinal);
        // The card number reached HubSpot in no request at all, not only not in the stored body.
        Assert.DoesNotContain(setup.HubSpot.Requests, r => Encoding.UTF8.GetString(r.Body).Contains("4111 1111 1111 1111", StringComparison.Ordinal));
        Assert.Contains(await setup.Outbox.ListAsync(OutboxState.Done, Ct), r => r.Kind == OutboxKind.InteractionSync && r.IdempotencyKey.StartsWith($"{conversation}:interaction:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_contact_stored_with_a_national_number_is_the_WhatsApp_senders_and_is_not_duplicated()
    {
        await using var setup = await WorkerWithFakeHubSpot.StartAsync();
        var stored = setup.HubSpot.Seed("contacts", new Dictionary<string, string?> { ["firstname"] = "Ada", ["lastname"] = "Byron", ["phone"] = "07700 900222" });

        await setup.Worker.WhatsAppArrivesAsync("447700900222");
        await setup.UntilOutboxDrainedAsync(Timeout);

        Assert.Equal(stored, Assert.Single(setup.HubSpot.Records("contacts")).Id);
    }

    private static async Task<bool> BlockedOnCrmLinksAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'crm_links' AND NOT l.granted", connection);
        return (long)(await command.ExecuteScalarAsync(Ct))! > 0;
    }

    /// <summary>
    /// A Worker process on PostgreSQL (Hangfire included) with Crm:Provider=HubSpot pointed at a fake HubSpot (OAuth
    /// with a refresh token), and a fake ACS for the WhatsApp side; the shape of <see cref="WorkerWithFakeSalesforce"/>.
    /// </summary>
    private sealed class WorkerWithFakeHubSpot : IAsyncDisposable
    {
        private readonly Dictionary<string, string?> _environment;

        private WorkerWithFakeHubSpot(FakeHubSpotServer hubSpot, FakeAcsServer acs, Dictionary<string, string?> environment, NpgsqlDataSource dataSource)
        {
            HubSpot = hubSpot;
            Acs = acs;
            _environment = environment;
            Database = dataSource;
            Outbox = new SqlConnectorStore(new PostgresDialect(dataSource));
            Worker = WorkerProcess.Start(environment);
        }

        public FakeHubSpotServer HubSpot { get; }

        public FakeAcsServer Acs { get; }

        public WorkerProcess Worker { get; private set; }

        public SqlConnectorStore Outbox { get; }

        public NpgsqlDataSource Database { get; }

        public static async Task<WorkerWithFakeHubSpot> StartAsync()
        {
            var database = await TestPostgres.CreateDatabaseAsync();
            var hubSpot = await FakeHubSpotServer.StartAsync(new FakeHubSpotOptions(), Ct);
            var acs = await FakeAcsServer.StartAsync(cancellationToken: Ct);
            var environment = new Dictionary<string, string?>
            {
                ["ConnectionStrings__Connector"] = database,
                ["Acs__ConnectionString"] = acs.ConnectionString,
                ["Acs__WhatsApp__ChannelRegistrationId"] = WorkerWithFakeSalesforce.ChannelRegistration,
                ["Identity__DefaultRegion"] = "GB",
                ["Router__TickInterval"] = "00:00:00.100",
                ["Outbox__PollInterval"] = "00:00:00.200",
                ["Outbox__Lease"] = "00:00:05",
                ["Crm__Sync__RetryDelay"] = "00:00:00.300",
                ["Crm__Sync__MaxRetryDelay"] = "00:00:01",
                ["Crm__Sync__ThrottleDelay"] = "00:00:00.500",
                ["Crm__Sync__MaxThrottleDelay"] = "00:00:01",
            };
            foreach (var (key, value) in hubSpot.ConnectorSettings())
            {
                environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            var setup = new WorkerWithFakeHubSpot(hubSpot, acs, environment, NpgsqlDataSource.Create(database));
            await setup.Worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
            return setup;
        }

        /// <summary>SIGKILL: no shutdown hooks; what was committed is all that survives.</summary>
        public Task KillAsync() => Worker.KillHardAsync();

        /// <summary>A new Worker on the same database (its Hangfire jobs included).</summary>
        public async Task RestartAsync()
        {
            await Worker.DisposeAsync();
            Worker = WorkerProcess.Start(_environment);
            await Worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        }

        public async Task<Guid> ConversationAsync(string phone, string agentId, string customerText, string agentText)
        {
            var task = await Worker.WhatsAppArrivesAsync(phone);
            var conversation = (await Worker.TaskAsync(task)).GetProperty("conversationId").GetGuid();
            await Eventually.TrueAsync(async () => (await Worker.TaskAsync(task)) is var t && t.GetProperty("state").GetString() == "offered" && t.GetProperty("assignedAgentId").GetString() == agentId,
                TimeSpan.FromSeconds(15), () => Worker.Output);
            (await (await Worker.AgentAsync(agentId)).PostAsJsonAsync($"/api/offers/{task}/accept", new { agentId }, Ct)).EnsureSuccessStatusCode();
            await Eventually.TrueAsync(async () => (await Worker.TaskAsync(task)).GetProperty("state").GetString() == "assigned", TimeSpan.FromSeconds(15), () => Worker.Output);
            (await Worker.Http.PostAsJsonAsync("/api/inbound-events", new
            {
                eventId = Guid.NewGuid().ToString(),
                channel = "whatsapp",
                type = "message",
                identities = new[] { new { kind = "whatsapp", value = phone } },
                text = customerText,
            }, Ct)).EnsureSuccessStatusCode();
            (await (await Worker.AgentAsync(agentId)).PostAsJsonAsync($"/api/conversations/{conversation}/messages", new { channel = "whatsapp", text = agentText, agentId }, Ct)).EnsureSuccessStatusCode();
            return conversation;
        }

        public async Task WrapUpAsync(Guid conversation, string agentId, string disposition, string notes)
        {
            var response = await (await Worker.AgentAsync(agentId)).PostAsJsonAsync($"/api/conversations/{conversation}/wrap-up", new { agentId, disposition, notes }, Ct);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        }

        public async Task UntilOutboxDrainedAsync(TimeSpan timeout) => await Eventually.TrueAsync(
            async () => (await Outbox.ListAsync(null, Ct)) is { Count: > 0 } rows && rows.All(r => r.State == OutboxState.Done),
            timeout, Describe);

        public string Describe()
        {
            var rows = Outbox.ListAsync(null, Ct).GetAwaiter().GetResult();
            return string.Join('\n', rows.Select(r => $"{r.Id} {r.Kind} {r.State} attempts={r.Attempts} next={r.NextAttemptAt:O} error={r.LastError}"))
                + $"\nHubSpot requests: {string.Join(", ", HubSpot.Requests.Select(r => $"{r.Method} {r.Path} {r.StatusCode}"))}\n{Worker.Output}";
        }

        public async ValueTask DisposeAsync()
        {
            await Worker.DisposeAsync();
            await HubSpot.DisposeAsync();
            await Acs.DisposeAsync();
            await Database.DisposeAsync();
        }
    }
}
