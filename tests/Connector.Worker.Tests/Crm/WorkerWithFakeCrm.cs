using System.Net.Http.Json;
using Connector.Core.Outbox;
using Connector.Worker.Storage;
using Connector.Worker.Tests.Fakes.Acs;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Routing;
using Npgsql;

namespace Connector.Worker.Tests.Crm;

/// <summary>
/// A Worker process on PostgreSQL (Hangfire included) with Crm:Provider pointed at one CRM's fake, and a fake ACS for
/// the WhatsApp side. Back-off settings are shortened so that a long limit storm takes seconds. The Worker can be
/// SIGKILLed and started again on the same database. As the README's table suggests, only <c>Identity:DefaultRegion</c>
/// says which region numbers without a country code are in (the adapters have no region of their own). Each CRM's
/// subclass gives its fake, the settings an admin would give for it, and a line per request the fake received.
/// </summary>
internal abstract class WorkerWithFakeCrm<TFake> : IAsyncDisposable
    where TFake : IAsyncDisposable
{
    public const string ChannelRegistration = "0e4bd9a4-3b7e-4a64-9d3b-6a1bb7ba3f10";
    private readonly Dictionary<string, string?> _environment;
    private readonly NpgsqlDataSource _dataSource;
    private readonly Func<IEnumerable<string>> _requests;

    protected WorkerWithFakeCrm(TFake fake, FakeAcsServer acs, Dictionary<string, string?> environment, NpgsqlDataSource dataSource, Func<IEnumerable<string>> requests)
    {
        Fake = fake;
        Acs = acs;
        _environment = environment;
        _dataSource = dataSource;
        _requests = requests;
        Outbox = new SqlConnectorStore(new PostgresDialect(dataSource));
        Worker = WorkerProcess.Start(environment);
    }

    protected TFake Fake { get; }
    public FakeAcsServer Acs { get; }
    public WorkerProcess Worker { get; private set; }
    public SqlConnectorStore Outbox { get; }
    public NpgsqlDataSource Database => _dataSource;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts the fake, the fake ACS, a database and the Worker; <paramref name="settings"/> override the defaults.</summary>
    protected static async Task<TSetup> StartAsync<TSetup>(
        Func<Task<TFake>> startFake,
        Func<TFake, IEnumerable<KeyValuePair<string, string?>>> crmSettings,
        Func<TFake, FakeAcsServer, Dictionary<string, string?>, NpgsqlDataSource, TSetup> create,
        IReadOnlyDictionary<string, string?>? settings)
        where TSetup : WorkerWithFakeCrm<TFake>
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var fake = await startFake();
        var acs = await FakeAcsServer.StartAsync(cancellationToken: Ct);
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Connector"] = database,
            ["Acs__ConnectionString"] = acs.ConnectionString,
            ["Acs__WhatsApp__ChannelRegistrationId"] = ChannelRegistration,
            ["Identity__DefaultRegion"] = "GB",
            ["Router__TickInterval"] = "00:00:00.100",
            ["Outbox__PollInterval"] = "00:00:00.200",
            ["Outbox__Lease"] = "00:00:05",
            ["Crm__Sync__RetryDelay"] = "00:00:00.300",
            ["Crm__Sync__MaxRetryDelay"] = "00:00:01",
            ["Crm__Sync__ThrottleDelay"] = "00:00:00.500",
            ["Crm__Sync__MaxThrottleDelay"] = "00:00:01",
        };
        foreach (var (key, value) in crmSettings(fake).Concat(settings ?? new Dictionary<string, string?>()))
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var setup = create(fake, acs, environment, NpgsqlDataSource.Create(database));
        await setup.Worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        return setup;
    }

    /// <summary>SIGKILL: no shutdown hooks; what was committed is all that survives.</summary>
    public Task KillAsync() => Worker.KillHardAsync();

    /// <summary>A new Worker on the same database, with <paramref name="changes"/> to its settings.</summary>
    public Task RestartAsync(IReadOnlyDictionary<string, string?> changes)
    {
        foreach (var (key, value) in changes)
        {
            _environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return RestartAsync();
    }

    /// <summary>A new Worker on the same database (its Hangfire jobs included).</summary>
    public async Task RestartAsync()
    {
        await Worker.DisposeAsync();
        Worker = WorkerProcess.Start(_environment);
        await Worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
    }

    /// <summary>A customer writes on WhatsApp, the agent accepts and replies; returns the conversation.</summary>
    public async Task<Guid> ConversationAsync(string phone, string agentId, string customerText, string agentText)
    {
        var task = await Worker.WhatsAppArrivesAsync(phone);
        var conversation = (await Worker.TaskAsync(task)).GetProperty("conversationId").GetGuid();
        await Eventually.TrueAsync(async () => (await Worker.TaskAsync(task)) is var t && t.GetProperty("state").GetString() == "offered" && t.GetProperty("assignedAgentId").GetString() == agentId,
            TimeSpan.FromSeconds(15), () => $"task: {Worker.TaskAsync(task).GetAwaiter().GetResult()}\ndecisions: {Worker.Http.GetStringAsync($"/api/routing/decisions/{task}").GetAwaiter().GetResult()}\nagents: {Worker.Http.GetStringAsync("/api/agents").GetAwaiter().GetResult()}");
        (await (await Worker.AgentAsync(agentId)).PostAsJsonAsync($"/api/offers/{task}/accept", new { agentId }, Ct)).EnsureSuccessStatusCode();
        // The accept answers once the router applied it; the store shows it a tick later.
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
        timeout, () => Describe());

    public string Describe()
    {
        var rows = Outbox.ListAsync(null, Ct).GetAwaiter().GetResult();
        return string.Join('\n', rows.Select(r => $"{r.Id} {r.Kind} {r.State} attempts={r.Attempts} next={r.NextAttemptAt:O} error={r.LastError}"))
            + $"\nCRM requests: {string.Join(", ", _requests())}\n{Worker.Output}";
    }

    /// <summary>Hangfire's view of the job of an outbox row (its latest state and reason), straight from its PostgreSQL schema.</summary>
    public async Task<(long JobId, string State, string? Reason)?> JobStateAsync(long outboxId)
    {
        await using var command = _dataSource.CreateCommand(
            """
            SELECT j.id, s.name, s.reason FROM hangfire.job j JOIN hangfire.state s ON s.id = j.stateid
            WHERE j.arguments::text LIKE '["' || $1 || '",%' OR j.arguments::text LIKE '[' || $1 || ',%'
            ORDER BY j.id DESC LIMIT 1
            """);
        command.Parameters.AddWithValue(outboxId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using var reader = await command.ExecuteReaderAsync(Ct);
        return await reader.ReadAsync(Ct) ? (reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)) : null;
    }

    public async ValueTask DisposeAsync()
    {
        await Worker.DisposeAsync();
        await Fake.DisposeAsync();
        await Acs.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}
