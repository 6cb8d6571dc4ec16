using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Push;

namespace Connector.Worker.Tests.Voice;

/// <summary>The live transcript of a running call, pushed phrase by phrase to the agent on it (hub: the official @microsoft/signalr client).</summary>
[Collection(VoiceTests.Name)]
public sealed class LiveTranscriptTests(VoiceRig rig)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_phrase_of_a_call_reaches_the_agent_on_it_redacted_and_a_phrase_said_during_secure_capture_never_does()
    {
        var key = await rig.Worker.AgentWithKeyAsync("lia");
        var otherKey = await rig.Worker.AgentWithKeyAsync("ned");
        await using var panel = HubClient.Start(key, afterSeq: -1, rig.Worker.BaseAddress);
        await using var otherPanel = HubClient.Start(otherKey, afterSeq: -1, rig.Worker.BaseAddress);
        await panel.WaitForAsync(e => e.GetProperty("event").GetString() == "resumed", Wait, context: () => rig.Worker.Output);
        await otherPanel.WaitForAsync(e => e.GetProperty("event").GetString() == "resumed", Wait, context: () => rig.Worker.Output);

        var agentLine = await rig.AgentOnVoiceAsync("lia");
        await rig.OfflineAsync("lia"); // only dialling out: no routed work for her
        using var lia = rig.Worker.WithKey(key);
        var dialled = await lia.PostAsJsonAsync("/api/calls", new { to = "+447700900271" }, Ct);
        Assert.Equal(HttpStatusCode.OK, dialled.StatusCode);
        var call = rig.Calls.Find((await dialled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("callConnectionId").GetString()!)!;
        await rig.WaitForRecognizeAsync(call, "consent");
        await call.StaySilentAsync();
        await rig.WaitForPhaseAsync(call, "connected");
        var conversation = (await rig.CallAsync(call)).GetProperty("conversationId").GetGuid();

        await call.SayAsync(call.CallerRawId, "I would like to pay my bill.", TimeSpan.FromSeconds(2), Ct);
        var first = (await WaitForPhraseAsync(panel, 1)).GetProperty("data");
        Assert.Equal(conversation, first.GetProperty("conversationId").GetGuid());
        Assert.Equal(call.CallConnectionId, first.GetProperty("callConnectionId").GetString());
        Assert.Equal(2000, first.GetProperty("offsetMs").GetInt64());
        Assert.Equal("caller", first.GetProperty("speaker").GetString());
        Assert.Equal("I would like to pay my bill.", first.GetProperty("text").GetString());

        await call.SayAsync(agentLine, "Let me take the card details securely.", TimeSpan.FromSeconds(5), Ct);
        var second = (await WaitForPhraseAsync(panel, 2)).GetProperty("data");
        Assert.Equal("agent", second.GetProperty("speaker").GetString());
        Assert.Equal("Let me take the card details securely.", second.GetProperty("text").GetString());

        // During secure capture, a phrase ACS had already recognized arrives after transcription stopped: dropped whole.
        Assert.Equal(HttpStatusCode.NoContent, (await lia.PostAsJsonAsync($"/api/calls/{call.CallConnectionId}/secure-capture/start", new { }, Ct)).StatusCode);
        await call.SayAfterStopAndCloseAsync(call.CallerRawId, "It is 4111 1111 1111 1111, expiry twelve twenty nine.", TimeSpan.FromSeconds(12), Ct);
        Assert.Equal(HttpStatusCode.OK, (await lia.PostAsJsonAsync($"/api/calls/{call.CallConnectionId}/secure-capture/stop", new { }, Ct)).StatusCode);

        // After it, a number said aloud is redacted before anyone is shown it.
        await call.SayAsync(call.CallerRawId, "The card number was 4111 1111 1111 1111 by the way.", TimeSpan.FromSeconds(40), Ct);
        var third = (await WaitForPhraseAsync(panel, 3)).GetProperty("data");
        Assert.Contains("[card number redacted]", third.GetProperty("text").GetString(), StringComparison.Ordinal);

        var phrases = panel.Pushes.Where(p => p.GetProperty("type").GetString() == "transcriptPhrase").Select(p => p.GetProperty("data").GetProperty("offsetMs").GetInt64()).ToList();
        Assert.Equal([2000L, 5000L, 40000L], phrases);
        // The card's digit groups, not "4111" alone, which a push's timestamp may hold (…:15.4111503).
        Assert.DoesNotContain("4111 1111", panel.Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("expiry", panel.Transcript, StringComparison.Ordinal);
        // Another agent is told nothing of a call that is not theirs.
        Assert.DoesNotContain(otherPanel.Pushes, p => p.GetProperty("type").GetString() == "transcriptPhrase");

        await call.CallerHangsUpAsync();
        await rig.WaitForPhaseAsync(call, "ended");
    }

    private Task<JsonElement> WaitForPhraseAsync(HubClient panel, int count) =>
        panel.WaitForAsync(e => e.GetProperty("event").GetString() == "push" && e.GetProperty("type").GetString() == "transcriptPhrase", Wait, count, () => rig.Worker.Output);
}
