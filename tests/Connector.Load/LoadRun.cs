using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Connector.Fakes.Crm.Salesforce;
using Connector.Worker.Tests.Fakes.Acs;
using Npgsql;

namespace Connector.Load;

/// <summary>One run: starts what it needs, brings the agents online, sends the traffic, waits for the work to be routed, reads back and reports.</summary>
public static class LoadRun
{
    private const string ChannelRegistration = "0e4bd9a4-3b7e-4a64-9d3b-6a1bb7ba3f10";

    /// <summary>A 1 s wrap-up on every channel (15 s by default): capacity comes back quickly, so routing is measured, not staffing.</summary>
    private const string DefaultCharter = """
        channels:
          whatsapp:
            wrapUp: 1s
          chat:
            wrapUp: 1s
          voice:
            wrapUp: 1s
          email:
            wrapUp: 1s
        """;

    private const string EmailSender = "DoNotReply@contact.load.example";

    public static async Task<LoadReport> RunAsync(LoadOptions options, TextWriter log, CancellationToken ct)
    {
        var dll = options.WorkerDll ?? WorkerUnderLoad.DefaultDll();
        await using var resources = new Resources();
        var environment = new Dictionary<string, string>
        {
            ["Api__AdminKey"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            ["Acs__WebhookKey"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            ["Acs__WhatsApp__ChannelRegistrationId"] = ChannelRegistration,
            ["Identity__DefaultRegion"] = "GB",
            // The tool opens every chat session from one address: the per-address limit is a website's, not a test's.
            ["Limits__ChatSessions__PermitsPerMinute"] = "100000",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Crm__Provider"] = options.Crm == "salesforce" ? "Salesforce" : "None",
        };

        PostgresProfile? profile = null;
        string? statementsUnavailable = options.Store == "sqlite" ? "sqlite" : null;
        string? databaseConnection = null;
        if (options.Store == "postgres")
        {
            var server = options.Pg;
            if (server is null)
            {
                var postgres = await ThrowawayPostgres.StartAsync(log);
                resources.Add(postgres);
                server = postgres.ConnectionString;
            }

            databaseConnection = await CreateDatabaseAsync(server, ct);
            environment["ConnectionStrings__Connector"] = databaseConnection;
            profile = new PostgresProfile(databaseConnection);
            statementsUnavailable = await profile.EnableStatementsAsync();
        }

        var acs = await FakeAcsServer.StartAsync(cancellationToken: ct);
        resources.Add(acs);
        environment["Acs__ConnectionString"] = acs.ConnectionString;
        var address = WorkerUnderLoad.FreeAddress();
        FakeAcsCalls? calls = null;
        if (options.VoiceShare > 0 && !options.OpenConversationsScenario)
        {
            // Call Automation calls the Worker back with JWTs signed by the fake's OpenID keys, as ACS does.
            var services = await FakeAcsCallServices.StartAsync(acs, ct);
            resources.Add(services);
            calls = FakeAcsCalls.Of(acs);
            calls.Services = services;
            environment["Acs__CallbackBaseUrl"] = address.ToString().TrimEnd('/');
            environment["Acs__FileHosts__0"] = services.BaseAddress.Authority;
            environment["Voice__CallbackJwt__Audience"] = acs.ResourceId;
            environment["Voice__CallbackJwt__OpenIdConfigurationUrl"] = services.OpenIdConfigurationUrl.ToString();
        }

        LoadMailbox? mailbox = null;
        if (options.EmailShare > 0 && !options.OpenConversationsScenario)
        {
            var imap = options.Imap;
            if (imap is null)
            {
                var dovecot = await ThrowawayDovecot.StartAsync(WorkerUnderLoad.Repository(), ct);
                resources.Add(dovecot);
                imap = dovecot.HostPort;
            }

            var colon = imap.LastIndexOf(':');
            environment["Email__Imap__Host"] = imap[..colon];
            environment["Email__Imap__Port"] = imap[(colon + 1)..];
            environment["Email__Imap__UseTls"] = "false";
            environment["Email__Imap__Username"] = ThrowawayDovecot.User;
            environment["Email__Imap__Password"] = ThrowawayDovecot.Password;
            // The shortest interval the Worker schedules: an email waits up to this long for its turn, as it would in production.
            environment["Email__Imap__PollInterval"] = "00:00:05";
            environment["Email__Imap__TrustedAuthServId"] = LoadMailbox.AuthServId;
            environment["Acs__Email__SenderAddress"] = EmailSender;
            mailbox = await LoadMailbox.OpenAsync(imap, 4, ct);
            resources.Add(mailbox);
        }
        if (options.Crm == "salesforce")
        {
            var defaults = new FakeSalesforceOptions();
            var salesforce = await FakeSalesforceServer.StartAsync(defaults, ct);
            resources.Add(salesforce);
            environment["Crm__Salesforce__LoginUrl"] = salesforce.BaseUrl.ToString();
            environment["Crm__Salesforce__ClientId"] = defaults.ClientId;
            environment["Crm__Salesforce__ClientSecret"] = defaults.ClientSecret;
            environment["Crm__Salesforce__ApiVersion"] = "v62.0";
        }

        var charter = options.Charter;
        if (charter is null)
        {
            charter = Path.Combine(Path.GetTempPath(), $"connector-load-charter-{Guid.NewGuid():N}.yaml");
            await File.WriteAllTextAsync(charter, DefaultCharter, ct);
            resources.Add(new DeleteFile(charter));
        }

        environment["Charter__Path"] = charter;
        var worker = await WorkerUnderLoad.StartAsync(dll, address, environment, ct);
        resources.Add(worker);
        if (calls is not null)
        {
            calls.EventGridWebhook = new Uri(worker.BaseAddress, $"/webhooks/acs/events?key={environment["Acs__WebhookKey"]}");
        }
        log.WriteLine($"Worker {dll} (pid {worker.Pid}) on {worker.BaseAddress}");

        var admin = Client(worker.BaseAddress, 32);
        admin.DefaultRequestHeaders.Add("X-Api-Key", environment["Api__AdminKey"]);
        var agentsHttp = Client(worker.BaseAddress, 128);
        var webhook = Client(worker.BaseAddress, options.Connections);
        resources.Add(new DisposeAll(admin, agentsHttp, webhook));

        var setup = Stopwatch.StartNew();
        var agents = new LoadAgents(admin, agentsHttp, worker.BaseAddress, options, calls is null ? null : acs.CreateUser);
        resources.Add(agents);
        await agents.StartAsync(ct);
        var callers = calls is null ? null : new LoadCallers(calls, options);
        var traffic = new InboundTraffic(webhook, environment["Acs__WebhookKey"], ChannelRegistration, options, callers, mailbox);
        var count = options.OpenConversationsScenario ? options.OpenConversations : (int)Math.Round(options.Rate * options.Seconds);

        var warmup = options.OpenConversationsScenario ? 0 : (int)Math.Round(options.Rate * options.WarmupSeconds);
        if (!options.OpenConversationsScenario)
        {
            // New chat customers expected, and a tenth more for the randomness of the mix.
            await traffic.OpenChatSessionsAsync((int)Math.Ceiling((count + warmup) * options.ChatShare * (1 - options.Returning) * 1.1) + 5, ct);
        }

        if (warmup > 0)
        {
            log.WriteLine($"warming up: {warmup} messages at {options.Rate}/s, not counted");
            await traffic.RunAsync(warmup, ct);
            await DrainAsync(admin, options, ct);
            await agents.IdleAsync().WaitAsync(TimeSpan.FromSeconds(30), ct).ContinueWith(_ => { }, TaskScheduler.Default);
            agents.ResetCounters();
        }

        var setupSeconds = setup.Elapsed.TotalSeconds;
        log.WriteLine($"{options.Agents} agents online and connected, chat sessions open, in {setupSeconds:0.0} s");
        var pgBefore = profile is null ? null : await profile.ReadAsync();
        var workerBefore = worker.Stats();
        var toolBefore = ProcessStats.Read(Environment.ProcessId);
        var measured = Stopwatch.StartNew();
        log.WriteLine($"sending {count} messages at {options.Rate}/s");
        var messages = await traffic.RunAsync(count, ct);
        var sendSeconds = messages.Count > 1 ? (messages.Max(m => m.SentAt) - messages.Min(m => m.SentAt)).TotalSeconds : 0;
        var drained = await DrainAsync(admin, options, ct);
        await agents.IdleAsync().WaitAsync(TimeSpan.FromSeconds(30), ct).ContinueWith(_ => { }, TaskScheduler.Default);
        if (callers is not null)
        {
            await callers.IdleAsync(TimeSpan.FromSeconds(30), ct);
        }

        // pg_stat_database is reported by each backend at most once a second: let the last reports land.
        await Task.Delay(TimeSpan.FromSeconds(1.5), ct);
        var pgAfter = profile is null ? null : await profile.ReadAsync();
        var workerAfter = worker.Stats();
        var workerGc = await WorkerGc.ReadAsync(admin, ct);
        var toolAfter = ProcessStats.Read(Environment.ProcessId);
        var measuredSeconds = measured.Elapsed.TotalSeconds;
        if (options.GcDump is { } gcdump)
        {
            await WorkerGc.DumpAsync(worker.Pid, gcdump, log, ct);
        }

        // The Worker's SQLite file is {working directory}/data/connector.db (Storage:DataDirectory's default, ./data).
        var store = databaseConnection is not null
            ? StoreReadback.Postgres(databaseConnection)
            : StoreReadback.Sqlite(Path.Combine(worker.WorkingDirectory, "data", "connector.db"));
        var contents = await store.ReadAsync(ct);
        var accounting = Accounting.Of(messages, contents);
        var started = messages.Count > 0 ? messages.Min(m => m.SentAt) : DateTimeOffset.UtcNow;
        var refused = messages.Where(m => !m.Accepted).ToList();
        return new LoadReport
        {
            Options = options,
            WorkerDll = dll,
            Sent = messages.Count,
            Accepted = messages.Count(m => m.Accepted),
            SendSeconds = sendSeconds,
            WebhookAnswer = Percentiles.Of(messages.Where(m => m.ByWebhook && m.Status != 0).Select(m => m.AnswerMs)),
            WebhookAnswerByChannel = messages.Where(m => m.ByWebhook && m.Status != 0).GroupBy(m => m.Channel).ToDictionary(g => g.Key, g => Percentiles.Of(g.Select(m => m.AnswerMs))),
            SentToOffer = Percentiles.Of(accounting.SentToOfferMs),
            SentToOfferByChannel = accounting.SentToOfferMsByChannel.ToDictionary(c => c.Key, c => Percentiles.Of(c.Value)),
            SentByChannel = messages.GroupBy(m => m.Channel).ToDictionary(g => g.Key, g => g.Count()),
            CallsTalked = callers?.Talked,
            OfferToAgent = Percentiles.Of(agents.OfferToAgentMs),
            InTimeline = accounting.InTimeline,
            Routed = accounting.Routed,
            TasksOpened = accounting.SentToOfferMs.Count + accounting.OpenedNotOffered,
            Missing = accounting.Missing,
            RefusedByStatus = refused.GroupBy(m => m.Status).ToDictionary(g => g.Key, g => g.Count()),
            RefusalSamples = [.. refused.Select(m => $"{m.Status} {m.Error}").Distinct().Take(3)],
            ChatSessionsFailed = traffic.ChatSessionsFailed,
            OutboxRows = contents.OutboxCreatedAt.Count(at => at >= started),
            HangfireJobs = pgAfter?.HangfireJobs - pgBefore?.HangfireJobs,
            Transactions = pgAfter is null ? null : pgAfter.Transactions - pgBefore!.Transactions,
            StatementsUnavailable = statementsUnavailable,
            Statements = pgAfter is null || statementsUnavailable is not null ? [] : pgAfter.Since(pgBefore!),
            WorkerBefore = workerBefore,
            WorkerAfter = workerAfter,
            WorkerGc = workerGc,
            ToolBefore = toolBefore,
            ToolAfter = toolAfter,
            MeasuredSeconds = measuredSeconds,
            AgentOffers = agents.Offers,
            AgentAccepts = agents.Accepted,
            AgentReplies = agents.Replied,
            AgentWrapUps = agents.WrappedUp,
            AgentFailures = agents.Failures.ToDictionary(),
            AgentFailureSamples = [.. agents.FailureSamples],
            Drained = drained,
            SetupSeconds = setupSeconds,
        };
    }

    /// <summary>Waits until no task is queued (every message's work offered or taken), or --drain-seconds pass.</summary>
    private static async Task<bool> DrainAsync(HttpClient admin, LoadOptions options, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(options.DrainSeconds))
        {
            var queued = await admin.GetFromJsonAsync<JsonElement>(new Uri("/api/tasks?state=queued&limit=1", UriKind.Relative), ct);
            if (queued.GetArrayLength() == 0)
            {
                return true;
            }

            await Task.Delay(250, ct);
        }

        return false;
    }

    private static async Task<string> CreateDatabaseAsync(string server, CancellationToken ct)
    {
        var name = $"connector_load_{DateTimeOffset.UtcNow:yyyyMMddHHmmss}_{Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant()}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(ct);
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private static HttpClient Client(Uri baseAddress, int connections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(120),
        };

    /// <summary>Disposes what the run started, last first, even when the run fails.</summary>
    private sealed class Resources : IAsyncDisposable
    {
        private readonly Stack<object> _started = new();

        public void Add(object resource) => _started.Push(resource);

        public async ValueTask DisposeAsync()
        {
            while (_started.TryPop(out var resource))
            {
                switch (resource)
                {
                    case IAsyncDisposable a:
                        await a.DisposeAsync();
                        break;
                    case IDisposable d:
                        d.Dispose();
                        break;
                }
            }
        }
    }

    private sealed class DeleteFile(string path) : IDisposable
    {
        public void Dispose() => File.Delete(path);
    }

    private sealed class DisposeAll(params IDisposable[] all) : IDisposable
    {
        public void Dispose()
        {
            foreach (var one in all)
            {
                one.Dispose();
            }
        }
    }
}
