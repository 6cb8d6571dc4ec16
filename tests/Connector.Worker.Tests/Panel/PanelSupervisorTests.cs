using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Connector.Worker.Tests.Panel;

/// <summary>The supervisor's view of the floor: queues, agents and breaches live.</summary>
public sealed class PanelSupervisorTests(ITestOutputHelper output)
{
    // WhatsApp must be answered within 2 s: with nobody online the task breaches while the supervisor watches.
    private const string Charter = """
        channels:
          whatsapp:
            answerWithin: 2s
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_breach_shows_in_the_supervisor_view_within_a_second_of_happening_and_the_supervisor_can_reassign_it()
    {
        var charter = Path.Combine(Directory.CreateTempSubdirectory("connector-panel-sla-").FullName, "charter.yaml");
        await File.WriteAllTextAsync(charter, Charter, Ct);
        await using var rig = await PanelRig.StartAsync(new Dictionary<string, string?> { ["Charter__Path"] = charter });
        await PanelBrowser.AddPersonAsync(rig.Worker, "sam", role: "supervisor", supervises: ["whatsapp"]);
        await using var browser = await PanelBrowser.LaunchAsync();
        var page = await browser.OpenPanelAsync(rig.PanelUrl, "sam");
        await page.GetByRole(AriaRole.Button, new() { Name = "Supervisor" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Supervisor" })).ToBeVisibleAsync();

        // The page notes when each breach appears, by the browser's clock (the Worker runs on the same machine).
        await page.EvaluateAsync("""
            () => {
              window.breachSeen = {};
              new MutationObserver(() => document.querySelectorAll('.breach[data-task]').forEach(li => window.breachSeen[li.dataset.task] ??= Date.now()))
                .observe(document.body, { childList: true, subtree: true });
            }
            """);

        await rig.WhatsAppAsync("+447700900444", "Hello? Is anyone there?");
        var task = await rig.TaskOfAsync("+447700900444");
        var taskId = task.GetProperty("id").GetString()!;
        var breach = page.Locator($".breach[data-task='{taskId}']");
        await Expect(breach).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(breach).ToContainTextAsync("not answered in time");

        var breachedAt = (await rig.TaskOfAsync("+447700900444")).GetProperty("slaBreachedAt").GetDateTimeOffset();
        var seenAt = DateTimeOffset.FromUnixTimeMilliseconds((long)await page.EvaluateAsync<double>($"() => window.breachSeen['{taskId}']"));
        var delay = seenAt - breachedAt;
        output.WriteLine($"breach recorded {breachedAt:O}, on the supervisor's screen {seenAt:O}: {delay.TotalMilliseconds:F0} ms");
        Assert.True(delay < TimeSpan.FromSeconds(1), $"the breach took {delay.TotalMilliseconds:F0} ms to reach the supervisor's screen");

        // The queue's row says it too.
        var queues = page.GetByRole(AriaRole.Table);
        await Expect(queues).ToContainTextAsync("whatsapp");
        await Expect(queues).ToContainTextAsync("past target");
        await PanelBrowser.ScreenshotAsync(page, "supervisor");
    }
}
