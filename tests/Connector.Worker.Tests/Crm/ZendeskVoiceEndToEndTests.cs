using System.Globalization;
using System.Net.Http.Json;
using Connector.Core.Outbox;
using Connector.Fakes.Crm.Zendesk;
using Connector.Worker.Storage;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Voice;
using Npgsql;

namespace Connector.Worker.Tests.Crm;

/// <summary>
/// End to end on voice: a Worker process on PostgreSQL with Crm:Provider=Zendesk and Talk Partner Edition, the fake ACS
/// ringing it on the contact centre's number, and a fake Zendesk account that has Talk Partner Edition.
/// </summary>
public sealed class ZendeskVoiceEndToEndTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_accepted_call_pops_its_ticket_for_the_agent_and_is_logged_on_it_as_a_voice_comment_from_the_caller_to_the_number_they_called_with_its_recording()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        await using var zendesk = await FakeZendeskServer.StartAsync(new FakeZendeskOptions { TalkPartnerEdition = true }, Ct);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Connector"] = database,
            ["Crm__Provider"] = "Zendesk",
            ["Crm__Zendesk__TalkPartnerEdition"] = "true",
            ["Crm__Sync__RetryDelay"] = "00:00:00.300",
            ["Crm__Sync__MaxRetryDelay"] = "00:00:01",
        };
        foreach (var (key, value) in zendesk.ConnectorSettings())
        {
            settings[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        await using var rig = new VoiceRig();
        await rig.StartAsync(settings);
        await rig.AgentOnVoiceAsync("zoe");
        var zoe = new { name = "zoe", capacityProfile = "standard", languages = new[] { "en" }, crmUserId = zendesk.AgentId.ToString(CultureInfo.InvariantCulture) };
        (await rig.Worker.Http.PutAsJsonAsync("/api/agents/zoe", zoe, Ct)).EnsureSuccessStatusCode();
        (await rig.Worker.Http.PutAsJsonAsync("/api/agents/zoe/presence", new { channels = new[] { "voice" } }, Ct)).EnsureSuccessStatusCode();

        var call = await rig.CallIntoQueueAsync("+447700900411", "1");
        var taskId = await rig.TaskIdAsync(call);
        await Eventually.TrueAsync(async () => (await rig.TaskAsync(taskId)).GetProperty("state").GetString() == "offered", TimeSpan.FromSeconds(15), () => rig.Worker.Output);
        (await (await rig.Worker.AgentAsync("zoe")).PostAsJsonAsync($"/api/offers/{taskId}/accept", new { agentId = "zoe" }, Ct)).EnsureSuccessStatusCode();
        await rig.WaitForPhaseAsync(call, "connected");
        var conversation = (await rig.CallAsync(call)).GetProperty("conversationId").GetGuid();

        // While the call goes on, the conversation's ticket is opened on zoe's Zendesk screen.
        await Eventually.TrueAsync(() => Task.FromResult(zendesk.Displays.Count > 0), Timeout, () => Describe(zendesk, rig));
        var ticket = Assert.Single(zendesk.Tickets());
        Assert.Equal(conversation.ToString(), ticket.ExternalId);
        Assert.Equal(new FakeZendeskDisplay(zendesk.AgentId, "ticket", ticket.Id), Assert.Single(zendesk.Displays));

        await call.CallerHangsUpAsync();
        await Eventually.TrueAsync(() => Task.FromResult(zendesk.Tickets().Single().Comments.Any(c => c.Type == "VoiceComment")), Timeout, () => Describe(zendesk, rig));

        // The call is on the same ticket, from the caller's number to the contact centre's number they called.
        ticket = Assert.Single(zendesk.Tickets());
        var voice = Assert.Single(ticket.Comments, c => c.Type == "VoiceComment");
        Assert.Equal("+447700900411", voice.VoiceData!["from"]!.ToString());
        Assert.Equal(VoiceRig.ContactCentre, voice.VoiceData["to"]!.ToString());
        Assert.Equal(zendesk.AgentId, (long)voice.VoiceData["answered_by_id"]!);
        // The call's recording, fetched from ACS once the call ended, is uploaded and attached on the same ticket.
        await Eventually.TrueAsync(() => Task.FromResult(zendesk.Tickets().Single().Comments.Any(c => c.Attachments.Count > 0)), Timeout, () => Describe(zendesk, rig));
        var recording = Assert.Single(Assert.Single(zendesk.Tickets()).Comments.SelectMany(c => c.Attachments));
        Assert.NotEmpty(recording.Content);
        Assert.Single(zendesk.Tickets());
        await using var dataSource = NpgsqlDataSource.Create(database);
        Assert.Single(await new SqlConnectorStore(new PostgresDialect(dataSource)).ListAsync(null, Ct), r => r.Kind == OutboxKind.CrmScreenPop);
    }

    private static string Describe(FakeZendeskServer zendesk, VoiceRig rig) =>
        $"Zendesk: {string.Join(", ", zendesk.Requests.Select(r => $"{r.Method} {r.Path} {r.StatusCode}"))}\n{rig.Worker.Output}";
}
