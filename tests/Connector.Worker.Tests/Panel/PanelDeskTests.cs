using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Connector.Worker.Tests.Panel;

/// <summary>An agent's working day in the standalone panel, against the real Worker, the fake ACS and the fake Salesforce.</summary>
public sealed class PanelDeskTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // Wrap-up codes: the panel offers those of the task's channel only.
    private const string Charter = """
        dispositions:
          - code: resolved
            label: Resolved
          - code: callback-requested
            label: Customer asked for a callback
          - code: no-answer
            label: No answer
            channels: [voice]
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_WhatsApp_message_is_offered_accepted_answered_and_wrapped_up_into_one_Salesforce_Task_without_a_reload()
    {
        var charter = Path.Combine(Directory.CreateTempSubdirectory("connector-panel-desk-").FullName, "charter.yaml");
        await File.WriteAllTextAsync(charter, Charter, Ct);
        await using var rig = await PanelRig.StartAsync(new Dictionary<string, string?> { ["Charter__Path"] = charter });
        await PanelBrowser.AddPersonAsync(rig.Worker, "ann");
        await using var browser = await PanelBrowser.LaunchAsync();
        var page = await browser.OpenPanelAsync(rig.PanelUrl, "ann");

        // Online for WhatsApp, through the presence box.
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "WhatsApp" }).CheckAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Available on" })).ToBeVisibleAsync();

        await rig.WhatsAppAsync("+447700900111", "Hello, my parcel is three days late.");
        var offer = page.GetByRole(AriaRole.Region, new() { Name = "Offer: whatsapp from +447700900111" });
        await Expect(offer).ToBeVisibleAsync();
        await Expect(offer).ToContainTextAsync("WhatsApp");
        await Expect(offer).ToContainTextAsync("Hello, my parcel is three days late.");
        await Expect(offer.GetByRole(AriaRole.Timer)).ToBeVisibleAsync();
        await Expect(offer).ToContainTextAsync("Why you");
        await PanelBrowser.ScreenshotAsync(page, "offer");
        await offer.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();

        var tab = page.GetByRole(AriaRole.Tabpanel);
        var timeline = tab.GetByRole(AriaRole.List, new() { Name = "Conversation timeline" });
        await Expect(timeline).ToContainTextAsync("Hello, my parcel is three days late.");

        // The customer writes again: the timeline shows it with no reload.
        await rig.WhatsAppAsync("+447700900111", "The tracking number is RB123456789GB.");
        await Expect(timeline).ToContainTextAsync("The tracking number is RB123456789GB.");

        await tab.GetByLabel("Message").FillAsync("Sorry about that: it is out for delivery today.");
        await tab.GetByRole(AriaRole.Button, new() { Name = "Send WhatsApp" }).ClickAsync();
        await Expect(timeline).ToContainTextAsync("Sorry about that: it is out for delivery today.");
        await Eventually.TrueAsync(() => Task.FromResult(rig.Setup.Acs.Notifications.Any(n => n.Kind == "text"
            && n.Body["content"]?.GetValue<string>() == "Sorry about that: it is out for delivery today."
            && n.Body["to"]![0]!.GetValue<string>() == "447700900111")), Timeout, () => rig.Worker.Output);
        await PanelBrowser.ScreenshotAsync(page, "conversation");

        var wrapUp = tab.GetByRole(AriaRole.Form, new() { Name = "Wrap-up" });
        var disposition = wrapUp.GetByLabel("Disposition");
        Assert.Equal(["Choose…", "Resolved", "Customer asked for a callback"], await disposition.Locator("option").AllTextContentsAsync());
        await disposition.SelectOptionAsync("resolved");
        await wrapUp.GetByLabel("Notes").FillAsync("Parcel out for delivery");
        await wrapUp.GetByRole(AriaRole.Button, new() { Name = "Wrap up" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Tab)).ToHaveCountAsync(0);

        await rig.Setup.UntilOutboxDrainedAsync(Timeout);
        var task = Assert.Single(rig.Setup.Salesforce.Records("Task"));
        var contact = Assert.Single(rig.Setup.Salesforce.Records("Contact"));
        Assert.Equal(contact.Id, task["WhoId"]);
        Assert.Contains("Sorry about that: it is out for delivery today.", task["Description"], StringComparison.Ordinal);
        Assert.Contains("resolved", task.Fields.ToJsonString(), StringComparison.Ordinal);
        output.WriteLine($"Salesforce Task {task.Id}: {task.Fields.ToJsonString()}");
    }

    [Fact]
    public async Task An_offer_declined_in_one_agents_browser_appears_in_the_others_and_neither_sees_the_others_work()
    {
        await using var rig = await PanelRig.StartAsync();
        await PanelBrowser.AddPersonAsync(rig.Worker, "ann");
        await PanelBrowser.AddPersonAsync(rig.Worker, "ben");
        await using var browser = await PanelBrowser.LaunchAsync();
        var pages = new Dictionary<string, IPage>
        {
            ["ann"] = await browser.OpenPanelAsync(rig.PanelUrl, "ann"),
            ["ben"] = await browser.OpenPanelAsync(rig.PanelUrl, "ben"),
        };
        foreach (var page in pages.Values)
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = "WhatsApp" }).CheckAsync();
        }

        await rig.WhatsAppAsync("+447700900222", "Can I change my delivery address?");
        var task = await rig.TaskOfAsync("+447700900222");
        await Eventually.TrueAsync(async () => (task = await rig.TaskOfAsync("+447700900222")).GetProperty("state").GetString() == "offered", Timeout, () => rig.Worker.Output);
        var first = task.GetProperty("assignedAgentId").GetString()!;
        var second = first == "ann" ? "ben" : "ann";
        var taskId = task.GetProperty("id").GetString()!;

        var offered = pages[first].Locator($"[data-task='{taskId}']");
        await Expect(offered).ToBeVisibleAsync();
        await Expect(pages[second].Locator($"[data-task='{taskId}']")).ToHaveCountAsync(0);
        await offered.GetByRole(AriaRole.Button, new() { Name = "Decline" }).ClickAsync();

        var reoffered = pages[second].GetByRole(AriaRole.Region, new() { Name = "Offer: whatsapp from +447700900222" });
        await Expect(reoffered).ToBeVisibleAsync();
        await Expect(offered).ToHaveCountAsync(0);
        await reoffered.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(pages[second].GetByRole(AriaRole.Tabpanel)).ToContainTextAsync("Can I change my delivery address?");

        // The first agent's browser shows none of it, and the API refuses it to them.
        await Expect(pages[first].Locator($"[data-task='{taskId}']")).ToHaveCountAsync(0);
        await Expect(pages[first].GetByRole(AriaRole.Tab)).ToHaveCountAsync(0);
        Assert.DoesNotContain("Can I change my delivery address?", await pages[first].ContentAsync(), StringComparison.Ordinal);
        var status = await pages[first].EvaluateAsync<int>($"async () => (await fetch('/api/conversations/{task.GetProperty("conversationId").GetString()}')).status");
        Assert.Equal(403, status);
    }

    [Fact]
    public async Task The_panel_fits_a_320_pixel_softphone_slot_and_reports_its_time_to_the_first_offer()
    {
        await using var rig = await PanelRig.StartAsync();
        await PanelBrowser.AddPersonAsync(rig.Worker, "ann");
        await using var browser = await PanelBrowser.LaunchAsync();
        var page = await browser.OpenPanelAsync(rig.PanelUrl, "ann", width: 320, height: 640);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "WhatsApp" }).CheckAsync();
        await rig.WhatsAppAsync("+447700900333", "Hi, is the shop open on Sunday?");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Offer: whatsapp from +447700900333" })).ToBeVisibleAsync();

        // With an offer waiting, a fresh load of the panel: from navigation to the offer on screen.
        await page.ReloadAsync();
        var reloaded = page.GetByRole(AriaRole.Region, new() { Name = "Offer: whatsapp from +447700900333" });
        await Expect(reloaded).ToBeVisibleAsync();
        await Expect(reloaded).ToContainTextAsync("Why you"); // read from the task's decisions, since no push brought it
        var firstOfferMs = await page.EvaluateAsync<double>("() => performance.getEntriesByName('panel:first-offer')[0].startTime");
        output.WriteLine($"panel: navigation to first offer rendered: {firstOfferMs:F0} ms (320x640, local Worker)");

        var overflow = await page.EvaluateAsync<JsonElement>("() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })");
        Assert.True(overflow.GetProperty("scroll").GetInt32() <= overflow.GetProperty("client").GetInt32(), $"horizontal overflow at 320 px: {overflow}");
        await PanelBrowser.ScreenshotAsync(page, "softphone-320");

        // Keyboard only: Tab reaches Accept in the page's order, Enter takes the offer.
        var accept = page.GetByRole(AriaRole.Button, new() { Name = "Accept" });
        for (var presses = 0; presses < 40 && !await accept.EvaluateAsync<bool>("b => b === document.activeElement"); presses++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Selected = true })).ToContainTextAsync("+447700900333");
    }
}
