using System.Security.Cryptography;
using Connector.Ai.Tests.Fakes;
using Connector.Fakes.Crm.Dynamics;
using Connector.Fakes.Crm.HubSpot;
using Connector.Fakes.Crm.Salesforce;
using Connector.Fakes.Crm.Zendesk;
using Connector.Worker.Storage;
using Connector.Worker.Tests.EmailIntake;
using Connector.Worker.Tests.Fakes.Acs;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Push;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Connector.Worker.Tests.Cli;

/// <summary>
/// <c>doctor</c> run as an operator runs it (the Worker's dll with the verb, configured by environment variables)
/// against the repository's fakes: a migrated PostgreSQL, the fake ACS (which checks HMAC signatures), the fake
/// Salesforce (which checks the client secret), the throwaway Dovecot and Redis. Each fault is set one at a time. The
/// other CRMs' probes run against their fakes, and the AI line against the fake OpenAI / Azure OpenAI server.
/// </summary>
public sealed class DoctorCommandTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private FakeSalesforceServer _salesforce = null!;
    private FakeAcsServer _acs = null!;
    private string _database = null!;
    private string _charter = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _salesforce = await FakeSalesforceServer.StartAsync(new FakeSalesforceOptions(), Ct);
        _acs = await FakeAcsServer.StartAsync(cancellationToken: Ct);
        _database = await TestPostgres.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(_database);
        await new SqlSchemaMigrator(new PostgresDialect(dataSource), NullLogger<SqlSchemaMigrator>.Instance).MigrateAsync(Ct);
        _charter = Path.Combine(Directory.CreateTempSubdirectory("connector-doctor-").FullName, "charter.yaml");
        await File.WriteAllTextAsync(_charter, """
            journeys:
              support: { preferredChannels: [whatsapp, email], queue: support }
            channelJourneys: { whatsapp: support, email: support }
            queues:
              support:
                skills: { support: 1 }
                steps:
                  - { kind: requiredSkills, after: 0s }
            """, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _salesforce.DisposeAsync();
        await _acs.DisposeAsync();
    }

    [Fact]
    public async Task Against_the_fakes_every_check_passes_and_the_exit_code_is_zero()
    {
        var (exitCode, output) = await DoctorAsync();

        Assert.True(exitCode == 0, output);
        foreach (var check in new[] { "Configuration", "Database (PostgreSQL)", "ACS", "CRM (Salesforce)", "Email (IMAP)", "Charter", "SignalR backplane (Redis)", "AI" })
        {
            Assert.Contains($"✓ {check}:", output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("✗", output, StringComparison.Ordinal);
        Assert.DoesNotContain(new FakeSalesforceOptions().ClientSecret, output, StringComparison.Ordinal);
        Assert.DoesNotContain(_acs.AccessKey, output, StringComparison.Ordinal);
        Assert.Contains("✓ AI: Ai:Provider is None: the embedded methods answer", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Dynamics", "Crm:Dynamics:ClientSecret")]
    [InlineData("HubSpot", "Crm:HubSpot:ClientSecret")]
    [InlineData("Zendesk", "Crm:Zendesk:ApiToken")]
    public async Task Each_CRMs_probe_passes_with_the_right_secret_and_fails_with_the_settings_to_check_for_a_wrong_one(string crm, string secretKey)
    {
        await using var fake = await CrmFake.StartAsync(crm);
        var settings = fake.Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        var secret = settings[secretKey.Replace(":", "__", StringComparison.Ordinal)]!;

        var (exitCode, output) = await DoctorAsync(settings);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"✓ CRM ({crm}):", output, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, output, StringComparison.Ordinal);

        settings[secretKey.Replace(":", "__", StringComparison.Ordinal)] = "not-the-secret";
        (exitCode, output) = await DoctorAsync(settings);

        AssertOnlyFailure(exitCode, output, $"CRM ({crm})", $"check the client id, secret or key under Crm:{crm}");
        Assert.DoesNotContain("not-the-secret", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OpenAICompatible")]
    [InlineData("AzureOpenAI")]
    public async Task An_AI_endpoint_that_answers_passes_the_AI_line(string provider)
    {
        await using var ai = await FakeOpenAiServer.StartAsync("sk-doctor-" + Guid.NewGuid().ToString("N"), "gpt-4o-mini", Ct);

        var (exitCode, output) = await DoctorAsync(AiSettings(ai, provider));

        Assert.True(exitCode == 0, output);
        Assert.Contains($"✓ AI ({provider}): gpt-4o-mini at {ai.Endpoint}", output, StringComparison.Ordinal);
        Assert.Single(ai.Requests, r => r.Status == 200);
        Assert.DoesNotContain(ai.Key, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OpenAICompatible", "key", "refused the key (401)", "set Ai:Key to a valid key for this endpoint")]
    [InlineData("AzureOpenAI", "key", "refused the key (401)", "set Ai:Key to a valid key for this endpoint")]
    [InlineData("OpenAICompatible", "deployment", "has no model or deployment 'gpt-unknown' (404)", "set Ai:Deployment to a model this endpoint serves")]
    [InlineData("AzureOpenAI", "deployment", "has no model or deployment 'gpt-unknown' (404)", "set Ai:Deployment to the name of a deployment of this Azure OpenAI resource")]
    [InlineData("OpenAICompatible", "endpoint", "cannot be reached", "check Ai:Endpoint, DNS and the outbound firewall")]
    public async Task A_wrong_AI_key_deployment_or_endpoint_fails_the_AI_line_with_its_fix(string provider, string fault, string detail, string fix)
    {
        await using var ai = await FakeOpenAiServer.StartAsync("sk-doctor-" + Guid.NewGuid().ToString("N"), "gpt-4o-mini", Ct);
        var settings = AiSettings(ai, provider);
        switch (fault)
        {
            case "key": settings["Ai__Key"] = "sk-wrong-key"; break;
            case "deployment": settings["Ai__Deployment"] = "gpt-unknown"; break;
            default: settings["Ai__Endpoint"] = $"http://127.0.0.1:{WorkerProcess.FreePort()}/v1"; break;
        }

        var (exitCode, output) = await DoctorAsync(settings);

        AssertOnlyFailure(exitCode, output, $"AI ({provider})", fix);
        Assert.Contains(detail, output, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-wrong-key", output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> AiSettings(FakeOpenAiServer ai, string provider) => new()
    {
        ["Ai__Provider"] = provider,
        // OpenAI-compatible: the base URL with /v1; Azure OpenAI: the resource.
        ["Ai__Endpoint"] = provider == "AzureOpenAI" ? ai.Endpoint.ToString() : new Uri(ai.Endpoint, "v1").ToString(),
        ["Ai__Deployment"] = ai.Deployment,
        ["Ai__Key"] = ai.Key,
    };

    [Fact]
    public async Task A_wrong_CRM_secret_fails_the_CRM_line_with_the_settings_to_check()
    {
        var (exitCode, output) = await DoctorAsync(new() { ["Crm__Salesforce__ClientSecret"] = "not-the-secret" });

        AssertOnlyFailure(exitCode, output, "CRM (Salesforce)", "check the client id, secret or key under Crm:Salesforce");
        Assert.Contains("invalid_client", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_ACS_key_fails_the_ACS_line_because_the_signature_is_refused()
    {
        var wrongKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        var (exitCode, output) = await DoctorAsync(new() { ["Acs__ConnectionString"] = _acs.ConnectionStringWithKey(wrongKey) });

        AssertOnlyFailure(exitCode, output, "ACS", "the accesskey in Acs:ConnectionString is wrong");
        Assert.Contains("refused the signature (401", output, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_IMAP_server_fails_the_email_line()
    {
        var (exitCode, output) = await DoctorAsync(new() { ["Email__Imap__Port"] = WorkerProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture) });

        AssertOnlyFailure(exitCode, output, "Email (IMAP)", "check Email:Imap:Host, Port and UseTls");
        Assert.Contains("cannot be reached", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_that_does_not_answer_fails_the_database_line()
    {
        // A PostgreSQL that is stopped: nothing listens on its port any more.
        var stopped = new NpgsqlConnectionStringBuilder(_database) { Port = WorkerProcess.FreePort(), Timeout = 5 }.ConnectionString;

        var (exitCode, output) = await DoctorAsync(new() { ["ConnectionStrings__Connector"] = stopped });

        AssertOnlyFailure(exitCode, output, "Database (PostgreSQL)", "start PostgreSQL, or correct ConnectionStrings:Connector");
        Assert.Contains("unreachable", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pending_migrations_fail_the_database_line_with_how_they_are_applied()
    {
        var (exitCode, output) = await DoctorAsync(new() { ["ConnectionStrings__Connector"] = await TestPostgres.CreateDatabaseAsync() });

        AssertOnlyFailure(exitCode, output, "Database (PostgreSQL)", "start the Worker once: it applies the pending migrations");
        Assert.Contains("migration(s) pending (schema at 0", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_charter_error_fails_the_charter_line_with_the_loaders_line_and_field()
    {
        await File.WriteAllTextAsync(_charter, """
            queues:
              support:
                steps:
                  - { kind: requiredSkills, after: soon }
            """, Ct);

        var (exitCode, output) = await DoctorAsync();

        AssertOnlyFailure(exitCode, output, "Charter", "correct the charter at the lines named");
        Assert.Contains("the charter has errors", output, StringComparison.Ordinal);
        Assert.Contains("charter.yaml", output, StringComparison.Ordinal);
    }

    private static void AssertOnlyFailure(int exitCode, string output, string check, string fix)
    {
        Assert.True(exitCode == 1, $"exit code {exitCode}:\n{output}");
        var failures = output.Split('\n').Where(l => l.StartsWith('✗')).ToList();
        Assert.True(failures.Count == 1 && failures[0].StartsWith($"✗ {check}:", StringComparison.Ordinal), output);
        Assert.Contains($"fix: {fix}", output, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output)> DoctorAsync(Dictionary<string, string?>? faults = null)
    {
        var (imapHost, imapPort) = TestImap.Server;
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Connector"] = _database,
            ["Acs__ConnectionString"] = _acs.ConnectionString,
            ["Crm__Provider"] = "Salesforce",
            ["Crm__Salesforce__LoginUrl"] = _salesforce.BaseUrl.ToString(),
            ["Crm__Salesforce__ClientId"] = new FakeSalesforceOptions().ClientId,
            ["Crm__Salesforce__ClientSecret"] = new FakeSalesforceOptions().ClientSecret,
            ["Crm__Salesforce__ApiVersion"] = "v62.0",
            ["Email__Imap__Host"] = imapHost,
            ["Email__Imap__Port"] = imapPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email__Imap__UseTls"] = "false",
            ["Email__Imap__Username"] = TestImap.Username,
            ["Email__Imap__Password"] = TestImap.Password,
            ["Charter__Path"] = _charter,
            ["SignalR__Redis"] = TestRedis.ConnectionString,
        };
        foreach (var (key, value) in faults ?? [])
        {
            environment[key] = value;
        }

        await using var doctor = WorkerProcess.Start(environment, arguments: ["doctor"]);
        var exitCode = await doctor.WaitForExitAsync(Timeout);
        return (exitCode, doctor.Output);
    }

    /// <summary>One CRM's fake and the settings an admin would give for it.</summary>
    private sealed class CrmFake(IAsyncDisposable server, IReadOnlyDictionary<string, string?> settings) : IAsyncDisposable
    {
        public IReadOnlyDictionary<string, string?> Settings => settings;

        public static async Task<CrmFake> StartAsync(string crm)
        {
            switch (crm)
            {
                case "Dynamics":
                    var dynamics = await FakeDynamicsServer.StartAsync(new FakeDynamicsOptions(), Ct);
                    return new CrmFake(dynamics, dynamics.ConnectorSettings());
                case "HubSpot":
                    var hubSpot = await FakeHubSpotServer.StartAsync(new FakeHubSpotOptions(), Ct);
                    return new CrmFake(hubSpot, hubSpot.ConnectorSettings());
                default:
                    var zendesk = await FakeZendeskServer.StartAsync(new FakeZendeskOptions(), Ct);
                    return new CrmFake(zendesk, zendesk.ConnectorSettings());
            }
        }

        public ValueTask DisposeAsync() => server.DisposeAsync();
    }
}
