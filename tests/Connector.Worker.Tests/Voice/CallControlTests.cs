using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Fakes.Acs;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Voice;

/// <summary>Click-to-dial, the agent's call controls and secure card capture, against the fake Call Automation.</summary>
[Collection(VoiceTests.Name)]
public sealed class CallControlTests(VoiceRig rig)
{
    private const string Card = "4111111111111111";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Secure_capture_pauses_recording_and_transcription_in_order_and_no_card_digit_leaves_the_call()
    {
        var (call, agentLine) = await DialConnectedAsync("sam", "+447700900201");
        await call.SayAsync(call.CallerRawId, "I would like to pay my bill.", TimeSpan.FromSeconds(2), Ct);
        // Secure capture drops what it hears: the phrase must be kept before capture starts.
        await rig.WaitForPhraseKeptAsync(call, "I would like to pay my bill.");

        var start = await (await rig.Worker.AgentAsync("sam")).PostAsJsonAsync($"/api/calls/{call.CallConnectionId}/secure-capture/start", new { agentId = "sam" }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, start.StatusCode);
        await call.PressAsync(Card);
        await call.DrainAsync();
        SecureStatus? status = null;
        await Eventually.TrueAsync(async () =>
        {
            status = await (await rig.Worker.AgentAsync("sam")).GetFromJsonAsync<SecureStatus>($"/api/calls/{call.CallConnectionId}/secure-capture", Ct);
            return status!.DigitCount == 16;
        }, TimeSpan.FromSeconds(10), () => rig.Worker.Output);
        Assert.Equal(new string('•', 16), status!.Masked);
        Assert.True(status.LooksLikeCard);
        Assert.False(call.Transcribing);
        var stop = await (await rig.Worker.AgentAsync("sam")).PostAsJsonAsync($"/api/calls/{call.CallConnectionId}/secure-capture/stop", new { agentId = "sam" }, Ct);
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        await call.SayAsync(call.CallerRawId, "The card number was 4111 1111 1111 1111 by the way.", TimeSpan.FromSeconds(40), Ct);
        await call.SayAsync(agentLine, "Thank you, that went through.", TimeSpan.FromSeconds(45), Ct);
        await Task.Delay(300, Ct);

        var order = rig.Acs.Requests.Where(r => r.Path.StartsWith("/calling", StringComparison.Ordinal) && r.ReceivedAt >= DateTimeOffset.MinValue)
            .Select(r => r.Path).Where(p => p.EndsWith(":pause", StringComparison.Ordinal) || p.EndsWith(":resume", StringComparison.Ordinal)
                || p.EndsWith("Transcription", StringComparison.Ordinal) || p.EndsWith("ContinuousDtmfRecognition", StringComparison.Ordinal))
            // This call's own requests: other tests on the shared rig pause and resume recordings of their calls too.
            .Where(p => p.Contains(call.CallConnectionId, StringComparison.Ordinal) || p.Contains($"/recordings/{call.RecordingId}", StringComparison.Ordinal))
            .Select(p => p[(p.LastIndexOf(':') + 1)..]).ToList();
        Assert.Equal(["pause", "stopTranscription", "startContinuousDtmfRecognition", "stopContinuousDtmfRecognition", "resume", "startTranscription"], order);

        await call.CallerHangsUpAsync();
        await rig.WaitForPhaseAsync(call, "ended");
        var conversation = (await rig.CallAsync(call)).GetProperty("conversationId").GetGuid();
        await Eventually.TrueAsync(async () => (await rig.TimelineAsync(conversation)).Any(t => t.GetProperty("type").GetString() == "transcript_available"),
            TimeSpan.FromSeconds(20), () => rig.Worker.Output);
        var timeline = await rig.TimelineAsync(conversation);
        var secureNote = timeline.Single(t => t.GetProperty("text").GetString()?.StartsWith("Secure capture", StringComparison.Ordinal) == true);
        Assert.Contains("recording and transcription paused from", secureNote.GetProperty("text").GetString(), StringComparison.Ordinal);

        var transcriptFile = Directory.EnumerateFiles(Path.Combine(rig.Worker.WorkingDirectory, "data", "transcripts"), "*.txt", SearchOption.AllDirectories).ToList();
        var transcript = string.Join("\n", transcriptFile.Select(File.ReadAllText));
        Assert.Contains("Caller: I would like to pay my bill.", transcript, StringComparison.Ordinal);
        Assert.Contains("[00:00:45] Agent (sam): Thank you, that went through.", transcript, StringComparison.Ordinal);
        Assert.Contains("[card number redacted]", transcript, StringComparison.Ordinal);
        var everything = string.Join("\n", timeline.Select(t => t.GetRawText())) + transcript + rig.Worker.Output
            + await rig.Worker.Http.GetStringAsync("/api/outbox", Ct);
        // Said aloud after the capture, the number is redacted before it is kept.
        Assert.DoesNotContain(Card, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("4111 1111", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_agent_on_the_call_holds_mutes_adds_a_supervisor_transfers_and_hangs_up_and_no_one_else_may()
    {
        var (call, _) = await DialConnectedAsync("hal", "+447700900202");
        var supervisorLine = await rig.AgentOnVoiceAsync("sue");
        var otherLine = await rig.AgentOnVoiceAsync("olga");
        await rig.OfflineAsync("sue", "olga");
        var url = $"/api/calls/{call.CallConnectionId}";

        Assert.Equal(HttpStatusCode.Forbidden, (await (await rig.Worker.AgentAsync("olga")).PostAsJsonAsync($"{url}/hold", new { agentId = "olga" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await (await rig.Worker.AgentAsync("hal")).PostAsJsonAsync($"{url}/hold", new { agentId = "hal" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await (await rig.Worker.AgentAsync("hal")).PostAsJsonAsync($"{url}/resume", new { agentId = "hal" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await (await rig.Worker.AgentAsync("hal")).PostAsJsonAsync($"{url}/mute", new { agentId = "hal" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await (await rig.Worker.AgentAsync("hal")).PostAsJsonAsync($"{url}/supervisor", new { agentId = "hal", supervisorId = "sue" }, Ct)).StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(call.Participants.Contains(supervisorLine)), TimeSpan.FromSeconds(10), () => rig.Worker.Output);

        Assert.Equal(HttpStatusCode.NoContent, (await (await rig.Worker.AgentAsync("hal")).PostAsJsonAsync($"{url}/transfer", new { agentId = "hal", toAgentId = "olga" }, Ct)).StatusCode);
        await Eventually.TrueAsync(async () => (await rig.CallAsync(call)).GetProperty("agentId").GetString() == "olga", TimeSpan.FromSeconds(10), () => rig.Worker.Output);
        Assert.Contains(otherLine, call.Participants);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await rig.Worker.AgentAsync("hal")).PostAsJsonAsync($"{url}/hang-up", new { agentId = "hal" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await (await rig.Worker.AgentAsync("olga")).PostAsJsonAsync($"{url}/hang-up", new { agentId = "olga" }, Ct)).StatusCode);
        await rig.WaitForPhaseAsync(call, "ended");

        var controls = rig.CallingRequests(call.CallConnectionId).Select(r => r.Path[(r.Path.LastIndexOf(':') + 1)..])
            .SkipWhile(p => p != "hold").Where(p => p is "hold" or "unhold" or "mute" or "add" or "transferToParticipant" or "terminate").ToList();
        Assert.Equal(["hold", "unhold", "mute", "add", "transferToParticipant", "terminate"], controls);
    }

    [Fact]
    public async Task A_supervisor_of_the_calls_queue_listens_in_muted_and_a_supervisor_of_another_queue_may_not()
    {
        // A caller routed through the technical queue to Vic.
        await rig.AgentOnVoiceAsync("vic", "technical");
        var call = await rig.RingAndAnswerAsync("+447700900204");
        await rig.WaitForRecognizeAsync(call, "consent");
        await call.StaySilentAsync();
        await rig.WaitForRecognizeAsync(call, "menu:1");
        await call.PressAsync("2");
        var taskId = await rig.TaskIdAsync(call);
        await Eventually.TrueAsync(async () => (await rig.TaskAsync(taskId)).GetProperty("state").GetString() == "offered", TimeSpan.FromSeconds(15), () => rig.Worker.Output);
        (await (await rig.Worker.AgentAsync("vic")).PostAsync($"/api/offers/{taskId}/accept", null, Ct)).EnsureSuccessStatusCode();
        await rig.WaitForPhaseAsync(call, "connected");
        var queue = (await rig.TaskAsync(taskId)).GetProperty("queue").GetString()!;
        var listener = await rig.AgentOnVoiceAsync("lia");
        await rig.AgentOnVoiceAsync("max");
        await rig.OfflineAsync("lia", "max");
        (await rig.Worker.Http.PutAsJsonAsync("/api/agents/lia", new { name = "Lia", supervises = new[] { queue } }, Ct)).EnsureSuccessStatusCode();
        var url = $"/api/calls/{call.CallConnectionId}/supervisor";

        var stranger = await (await rig.Worker.AgentAsync("max", "supervisor")).PostAsJsonAsync(url, new { mode = "listen" }, Ct);
        var listens = await (await rig.Worker.AgentAsync("lia", "supervisor")).PostAsJsonAsync(url, new { mode = "listen" }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, listens.StatusCode);
        // Muted as soon as ACS says the line joined: the caller never hears the supervisor.
        await Eventually.TrueAsync(() => Task.FromResult(call.Participants.Contains(listener)
            && rig.CallingRequests(call.CallConnectionId).Any(r => r.Path.EndsWith("/participants:mute", StringComparison.Ordinal) && r.BodyText.Contains(listener, StringComparison.Ordinal))),
            TimeSpan.FromSeconds(10), () => rig.Worker.Output);
    }

    private async Task<(FakeAcsCall Call, string AgentLine)> DialConnectedAsync(string agentId, string customer)
    {
        var line = await rig.AgentOnVoiceAsync(agentId);
        await rig.OfflineAsync(agentId); // only dialling out: no routed work for this agent
        var dialled = await (await rig.Worker.AgentAsync(agentId)).PostAsJsonAsync("/api/calls", new { agentId, to = customer }, Ct);
        Assert.Equal(HttpStatusCode.OK, dialled.StatusCode);
        var id = (await dialled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("callConnectionId").GetString()!;
        var call = rig.Calls.Find(id) ?? throw new InvalidOperationException($"The fake has no call {id}.");
        await rig.WaitForRecognizeAsync(call, "consent");
        await call.StaySilentAsync();
        await rig.WaitForPhaseAsync(call, "connected");
        Assert.Contains(line, call.Participants);
        return (call, line);
    }

    private sealed record SecureStatus(bool Active, int DigitCount, string Masked, bool LooksLikeCard);
}
