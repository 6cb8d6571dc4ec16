using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Fakes.Acs;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Voice;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Connector.Worker.Tests.Panel;

/// <summary>The live transcript of the agent's call in the panel, against the voice rig's Worker and fake Call Automation.</summary>
[Collection(VoiceTests.Name)]
public sealed class PanelLiveTranscriptTests(VoiceRig rig)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_panel_shows_each_phrase_of_the_running_call_under_its_controls_and_clears_it_when_the_call_ends()
    {
        await PanelBrowser.AddPersonAsync(rig.Worker, "tia");
        await rig.AgentOnVoiceAsync("tia");
        await rig.OfflineAsync("tia"); // only dialling out: no routed work for her
        await using var browser = await PanelBrowser.LaunchAsync();
        var page = await browser.OpenPanelAsync(new Uri(rig.Worker.BaseAddress, "/panel"), "tia");

        await page.GetByRole(AriaRole.Form, new() { Name = "Call a number" }).GetByRole(AriaRole.Textbox, new() { Name = "Call" }).FillAsync("+447700900281");
        await page.GetByRole(AriaRole.Button, new() { Name = "Dial" }).ClickAsync();
        var tab = page.GetByRole(AriaRole.Tabpanel);
        await Expect(tab.GetByRole(AriaRole.Group, new() { Name = "Call controls" })).ToBeVisibleAsync();
        var call = await DialledCallAsync("tia");
        await rig.WaitForRecognizeAsync(call, "consent");
        await call.StaySilentAsync();
        await rig.WaitForPhaseAsync(call, "connected");

        await call.SayAsync(call.CallerRawId, "Hello, I am calling about my bill.", TimeSpan.FromSeconds(3), Ct);
        var transcript = tab.GetByRole(AriaRole.Region, new() { Name = "Live transcript" });
        await Expect(transcript.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["Caller00:03Hello, I am calling about my bill."]);
        await Expect(transcript.GetByRole(AriaRole.List)).ToHaveAttributeAsync("aria-live", "polite");
        await PanelBrowser.ScreenshotAsync(page, "live-transcript");

        await call.CallerHangsUpAsync();
        await Expect(transcript).ToHaveCountAsync(0);
        await Expect(tab).ToContainTextAsync("The call has ended.");
    }

    /// <summary>The fake's side of the call the agent placed: its connection id is the call_started entry's reference.</summary>
    private async Task<FakeAcsCall> DialledCallAsync(string agentId)
    {
        FakeAcsCall? call = null;
        await Eventually.TrueAsync(async () =>
        {
            var tasks = await rig.Worker.Http.GetFromJsonAsync<JsonElement>("/api/tasks", Ct);
            var task = tasks.EnumerateArray().LastOrDefault(t => t.GetProperty("assignedAgentId").GetString() == agentId && t.GetProperty("channel").GetString() == "voice");
            if (task.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var started = (await rig.TimelineAsync(task.GetProperty("conversationId").GetGuid())).LastOrDefault(e => e.GetProperty("type").GetString() == "call_started");
            call = started.ValueKind == JsonValueKind.Object && started.GetProperty("externalRef").GetString() is { } id ? rig.Calls.Find(id) : null;
            return call is not null;
        }, TimeSpan.FromSeconds(20), () => rig.Worker.Output);
        return call!;
    }
}
