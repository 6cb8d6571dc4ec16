using System.Net.Http.Json;
using System.Text.Json;
using Connector.Fakes.Crm.Salesforce;
using Connector.Worker.Tests.Fakes.Acs;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Voice;

/// <summary>
/// A Worker process with a charter that has a consent announcement (opt-out 9), a two-key IVR and queue audio,
/// wired to a fake ACS whose Call Automation calls it back (signed JWTs, checked against the fake's OpenID keys)
/// and whose recordings live on the fake's storage host.
/// </summary>
public sealed class VoiceRig : IAsyncLifetime
{
    public const string WebhookKey = "voice-hook-key";
    public const string ContactCentre = "+442071230000";
    public const string CallerId = "+442071230001";

    public const string Charter = """
        journeys:
          billing:
            preferredChannels: [voice]
            queue: billing
            priority: 5
          technical:
            preferredChannels: [voice]
            queue: technical
            skills:
              technical: 3
        channelJourneys:
          voice: billing
        queues:
          billing:
            steps:
              - kind: anyAgent
                after: 0s
          technical:
            steps:
              - kind: anyAgent
                after: 0s
        channels:
          voice:
            offerTimeout: 3s
            wrapUp: 1s
        routing:
          missedOffersBeforeAway: 5
        voice:
          consent:
            announcement: This call is recorded for quality and training. Press 9 if you do not want it recorded.
            record: true
            optOutDigit: "9"
          ivr:
            prompt: For billing press 1. For technical support press 2.
            retryPrompt: Sorry, that is not an option. For billing press 1. For technical support press 2.
            options:
              "1": billing
              "2": technical
            timeout: 3s
            attempts: 2
            fallback: billing
          queue:
            announcement: All our agents are busy. Please hold.
            musicOnHold: https://media.example.test/hold.mp3
          recording:
            retention: 1d
        """;

    private string? _directory;

    public FakeAcsServer Acs { get; private set; } = null!;
    public FakeAcsCallServices Services { get; private set; } = null!;
    public FakeAcsCalls Calls { get; private set; } = null!;
    public WorkerProcess Worker { get; private set; } = null!;

    /// <summary>The Worker's CRM: recordings, transcripts and interactions are CRM work, written only with one.</summary>
    /// <remarks>Null when the settings given to <see cref="StartAsync"/> chose another CRM (<c>Crm__Provider</c>).</remarks>
    public FakeSalesforceServer Salesforce { get; private set; } = null!;

    public async ValueTask InitializeAsync() => await StartAsync(new Dictionary<string, string?>());

    /// <param name="settings">More Worker settings (e.g. a PostgreSQL connection string).</param>
    public async Task StartAsync(IDictionary<string, string?> settings)
    {
        _directory = Directory.CreateTempSubdirectory("connector-voice-").FullName;
        var charter = Path.Combine(_directory, "charter.yaml");
        await File.WriteAllTextAsync(charter, Charter);
        Acs = await FakeAcsServer.StartAsync();
        Services = await FakeAcsCallServices.StartAsync(Acs, CancellationToken.None);
        Calls = FakeAcsCalls.Of(Acs);
        Calls.Services = Services;
        var url = $"http://127.0.0.1:{WorkerProcess.FreePort()}";
        Directory.CreateDirectory(Path.Combine(_directory, "work"));
        var environment = new Dictionary<string, string?>(settings);
        if (!environment.ContainsKey("Crm__Provider"))
        {
            Salesforce = await WorkerCrm.AddSalesforceAsync(environment, CancellationToken.None);
        }

        Worker = WorkerProcess.Start(new Dictionary<string, string?>(environment)
        {
            ["Acs__ConnectionString"] = Acs.ConnectionString,
            ["Acs__WebhookKey"] = WebhookKey,
            ["Acs__FileHosts__0"] = Services.BaseAddress.Authority, // the fake's recording storage (ACS's is *.asm.skype.com)
            ["Acs__CallbackBaseUrl"] = url,
            ["Charter__Path"] = charter,
            ["Identity__DefaultRegion"] = "GB",
            ["Router__TickInterval"] = "00:00:00.100",
            ["Outbox__PollInterval"] = "00:00:00.200",
            ["Voice__CognitiveServicesEndpoint"] = "https://fake-ai.cognitiveservices.azure.com/",
            ["Voice__TranscriptionLocale"] = "en-US",
            ["Voice__CallerIdNumber"] = CallerId,
            ["Voice__CallbackJwt__Audience"] = Acs.ResourceId,
            ["Voice__CallbackJwt__OpenIdConfigurationUrl"] = Services.OpenIdConfigurationUrl.ToString(),
        }, Path.Combine(_directory, "work"), url);
        await Worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(90));
        Calls.EventGridWebhook = new Uri(Worker.BaseAddress, $"/webhooks/acs/events?key={WebhookKey}");
    }

    public async ValueTask DisposeAsync()
    {
        await Worker.DisposeAsync();
        if (Salesforce is not null)
        {
            await Salesforce.DisposeAsync();
        }

        await Services.DisposeAsync();
        await Acs.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An agent online for voice whose panel is the ACS user returned.</summary>
    public async Task<string> AgentOnVoiceAsync(string agentId, params string[] skills)
    {
        (await Worker.Http.PutAsJsonAsync($"/api/agents/{agentId}", new
        {
            name = agentId,
            capacityProfile = "standard",
            languages = new[] { "en" },
            skills = skills.ToDictionary(s => s, _ => 5),
        }, Ct)).EnsureSuccessStatusCode();
        var user = Acs.CreateUser();
        (await Worker.Http.PutAsJsonAsync($"/api/voice/agents/{agentId}/line", new { acsUserId = user }, Ct)).EnsureSuccessStatusCode();
        (await Worker.Http.PutAsJsonAsync($"/api/agents/{agentId}/presence", new { channels = new[] { "voice" } }, Ct)).EnsureSuccessStatusCode();
        return user;
    }

    public async Task OfflineAsync(params string[] agentIds)
    {
        foreach (var agent in agentIds)
        {
            (await Worker.Http.PutAsJsonAsync($"/api/agents/{agent}/presence", new { channels = Array.Empty<string>() }, Ct)).EnsureSuccessStatusCode();
        }
    }

    /// <summary>Rings the Worker and waits for it to answer: the call, connected, with the consent announcement asked.</summary>
    public async Task<FakeAcsCall> RingAndAnswerAsync(string from)
    {
        var call = await Calls.RingAsync(from, ContactCentre, Ct);
        await Eventually.TrueAsync(() => Task.FromResult(call.Answered), TimeSpan.FromSeconds(15), () => Worker.Output);
        return call;
    }

    /// <summary>Waits until the fake holds a recognize with this operation context (the Worker asked the caller).</summary>
    /// <summary>A caller who hears the consent announcement without opting out and presses <paramref name="key"/> in the menu.</summary>
    public async Task<FakeAcsCall> CallIntoQueueAsync(string from, string key)
    {
        var call = await RingAndAnswerAsync(from);
        await WaitForRecognizeAsync(call, "consent");
        await call.StaySilentAsync();
        await WaitForRecognizeAsync(call, "menu:1");
        await call.PressAsync(key);
        return call;
    }

    public Task WaitForRecognizeAsync(FakeAcsCall call, string context) =>
        Eventually.TrueAsync(() => Task.FromResult(call.PendingRecognizeContext == context), TimeSpan.FromSeconds(15), () => $"pending: {call.PendingRecognizeContext}\n{Requests()}\n{Worker.Output}");

    /// <summary>
    /// Waits until the Worker has kept a phrase of the call: what the fake says reaches the Worker over the transcription
    /// socket with no answer, so a step that must come after the phrase (secure capture drops what it hears) waits here.
    /// </summary>
    public Task WaitForPhraseKeptAsync(FakeAcsCall call, string text) =>
        Eventually.TrueAsync(async () =>
        {
            await using var db = new Microsoft.Data.Sqlite.SqliteConnection(
                $"Data Source={Path.Combine(Worker.WorkingDirectory, "data", "connector.db")};Mode=ReadOnly;Pooling=False");
            await db.OpenAsync(Ct);
            await using var command = db.CreateCommand();
            command.CommandText = """
                SELECT COUNT(*) FROM voice_transcript_fragments f JOIN voice_calls c ON c.id = f.call_id
                WHERE c.call_connection_id = $connection AND f.text = $text
                """;
            command.Parameters.AddWithValue("$connection", call.CallConnectionId);
            command.Parameters.AddWithValue("$text", text);
            return (long)(await command.ExecuteScalarAsync(Ct))! > 0;
        }, TimeSpan.FromSeconds(20), () => Worker.Output);

    public Task<JsonElement> CallAsync(FakeAcsCall call) => Worker.Http.GetFromJsonAsync<JsonElement>($"/api/calls/{call.CallConnectionId}", Ct);

    public async Task<string> PhaseAsync(FakeAcsCall call) => (await CallAsync(call)).GetProperty("phase").GetString()!;

    public Task WaitForPhaseAsync(FakeAcsCall call, string phase) =>
        Eventually.TrueAsync(async () => await PhaseAsync(call) == phase, TimeSpan.FromSeconds(20), () => $"{Requests()}\n{Worker.Output}");

    public async Task<Guid> TaskIdAsync(FakeAcsCall call)
    {
        Guid? id = null;
        await Eventually.TrueAsync(async () =>
        {
            var c = await CallAsync(call);
            id = c.GetProperty("taskId").ValueKind == JsonValueKind.String ? c.GetProperty("taskId").GetGuid() : null;
            return id is not null;
        }, TimeSpan.FromSeconds(15), () => Worker.Output);
        return id!.Value;
    }

    public async Task<JsonElement> TaskAsync(Guid taskId)
    {
        var tasks = await Worker.Http.GetFromJsonAsync<JsonElement>("/api/tasks", Ct);
        return tasks.EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == taskId);
    }

    public async Task<List<JsonElement>> TimelineAsync(Guid conversationId) =>
        (await Worker.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversationId}", Ct)).GetProperty("timeline").EnumerateArray().ToList();

    /// <summary>The Call Automation requests the Worker made, one a line, for failure messages.</summary>
    public string Requests() => string.Join('\n', Acs.Requests.Where(r => r.Path.StartsWith("/calling", StringComparison.Ordinal)).Select(r => $"{r} {r.BodyText}"));

    public IReadOnlyList<FakeAcsRequest> CallingRequests(string callConnectionId) =>
        Acs.Requests.Where(r => r.Path.Contains(callConnectionId, StringComparison.Ordinal)).ToList();
}
