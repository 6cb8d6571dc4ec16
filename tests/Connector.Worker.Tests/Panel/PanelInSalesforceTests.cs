using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Worker.Tests.Browser;
using Connector.Worker.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Connector.Worker.Tests.Panel;

/// <summary>
/// The panel as Salesforce's Open CTI softphone: framed by a Lightning page (FakeLightningHost, the documented
/// sforce.opencti surface) on another site, with the fake Salesforce as the CRM the Worker syncs to.
/// </summary>
public sealed class PanelInSalesforceTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_accept_the_host_pops_the_customers_Salesforce_contact()
    {
        await using var host = await FakeLightningHost.StartAsync(Ct);
        await using var rig = await PanelRig.StartAsync(Embedded(host));
        var contact = rig.Setup.Salesforce.Seed("Contact", new JsonObject { ["FirstName"] = "Ruth", ["LastName"] = "Ellis", ["MobilePhone"] = "+447700900666" });
        await PanelBrowser.AddPersonAsync(rig.Worker, "ann");
        await using var browser = await PanelBrowser.LaunchAsync();
        var (page, panel) = await OpenInHostAsync(browser, host, rig, "ann");

        await panel.GetByRole(AriaRole.Checkbox, new() { Name = "WhatsApp" }).CheckAsync();
        await rig.WhatsAppAsync("+447700900666", "Hello, I need to update my direct debit.");
        var offer = panel.GetByRole(AriaRole.Region, new() { Name = "Offer: whatsapp from +447700900666" });
        await Expect(offer).ToBeVisibleAsync();
        await Eventually.TrueAsync(async () => (await FakeLightningHost.CallsAsync(page)).Any(c => c.Method == "setSoftphonePanelVisibility" && c.Success),
            Timeout, () => "the panel did not ask the host to show it on the offer");
        await offer.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();

        await Eventually.TrueAsync(async () => (await FakeLightningHost.CallsAsync(page)).Any(c => c.Method == "screenPop"),
            Timeout, () => string.Join('\n', FakeLightningHost.CallsAsync(page).GetAwaiter().GetResult()));
        var pop = (await FakeLightningHost.CallsAsync(page)).Single(c => c.Method == "screenPop");
        Assert.True(pop.Success, string.Join(", ", pop.Errors));
        Assert.Equal("sobject", pop.Args.GetProperty("type").GetString()); // sforce.opencti.SCREENPOP_TYPE.SOBJECT
        Assert.Equal(contact, pop.Args.GetProperty("params").GetProperty("recordId").GetString());
        await Expect(panel.GetByRole(AriaRole.Region, new() { Name = "CRM record" })).ToContainTextAsync(contact);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PanelBrowser.ArtifactsDirectory, "salesforce-screen-pop.png") });
    }

    [Fact]
    public async Task With_two_matching_contacts_the_agent_picks_one_and_the_wrapped_up_Task_points_at_it()
    {
        await using var host = await FakeLightningHost.StartAsync(Ct);
        await using var rig = await PanelRig.StartAsync(Embedded(host));
        var first = rig.Setup.Salesforce.Seed("Contact", new JsonObject { ["FirstName"] = "Sam", ["LastName"] = "Okafor", ["MobilePhone"] = "+447700900777", ["Email"] = "sam.okafor@example.com" });
        var second = rig.Setup.Salesforce.Seed("Contact", new JsonObject { ["FirstName"] = "Samantha", ["LastName"] = "Okafor", ["Phone"] = "+447700900777", ["Email"] = "samantha@example.com" });
        await PanelBrowser.AddPersonAsync(rig.Worker, "ann");
        await using var browser = await PanelBrowser.LaunchAsync();
        var (page, panel) = await OpenInHostAsync(browser, host, rig, "ann");

        await panel.GetByRole(AriaRole.Checkbox, new() { Name = "WhatsApp" }).CheckAsync();
        await rig.WhatsAppAsync("+447700900777", "Hi, it's Samantha, about my order.");
        await panel.GetByRole(AriaRole.Region, new() { Name = "Offer: whatsapp from +447700900777" }).GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();

        var picker = panel.GetByRole(AriaRole.Group, new() { Name = "2 CRM records match this customer: which one is it?" });
        await Expect(picker).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(PanelBrowser.ArtifactsDirectory, "salesforce-picker.png") });
        await picker.GetByRole(AriaRole.Button, new() { Name = "Use Samantha Okafor" }).ClickAsync();
        await Eventually.TrueAsync(async () => (await FakeLightningHost.CallsAsync(page)).Any(c => c.Method == "screenPop"
            && c.Args.GetProperty("params").GetProperty("recordId").GetString() == second), Timeout, () => rig.Worker.Output);

        var wrapUp = panel.GetByRole(AriaRole.Form, new() { Name = "Wrap-up" });
        await wrapUp.GetByLabel("Disposition").FillAsync("Resolved");
        await wrapUp.GetByRole(AriaRole.Button, new() { Name = "Wrap up" }).ClickAsync();
        // The wrap-up has been accepted (its tab closes; the interaction's CRM work was queued with it) before the queue is waited on.
        await Expect(panel.GetByRole(AriaRole.Tab)).ToHaveCountAsync(0);
        await rig.Setup.UntilOutboxDrainedAsync(Timeout);
        var task = Assert.Single(rig.Setup.Salesforce.Records("Task"));
        Assert.Equal(second, task["WhoId"]);
        Assert.NotEqual(first, second);
        Assert.Equal(2, rig.Setup.Salesforce.Records("Contact").Count);
    }

    [Fact]
    public async Task Click_to_dial_in_Salesforce_places_a_signed_call_through_ACS_and_opens_the_agents_voice_task()
    {
        await using var host = await FakeLightningHost.StartAsync(Ct);
        var settings = Embedded(host);
        settings["Voice__CallerIdNumber"] = "+442071230001";
        settings["Acs__CallbackBaseUrl"] = "https://connector.example.com";
        await using var rig = await PanelRig.StartAsync(settings);
        await PanelBrowser.AddPersonAsync(rig.Worker, "ann");
        (await rig.Worker.Http.PutAsJsonAsync("/api/voice/agents/ann/line", new { phoneNumber = "+447700900100" }, Ct)).EnsureSuccessStatusCode();
        await using var browser = await PanelBrowser.LaunchAsync();
        var (page, panel) = await OpenInHostAsync(browser, host, rig, "ann");

        // The panel enabled click-to-dial when it started: the host delivers the click.
        await Eventually.TrueAsync(async () => (await FakeLightningHost.CallsAsync(page)).Any(c => c.Method == "enableClickToDial" && c.Success), Timeout, () => "click-to-dial was not enabled");
        Assert.True(await FakeLightningHost.ClickToDialAsync(page, "+447700900888", "003000000000001AAA", "Contact"));

        await Eventually.TrueAsync(() => Task.FromResult(rig.Setup.Acs.Requests.Any(r => r.Method == "POST" && r.Path.StartsWith("/calling/callConnections", StringComparison.Ordinal) && r.StatusCode is 200 or 201)),
            Timeout, () => string.Join('\n', rig.Setup.Acs.Requests.Select(r => $"{r} {r.StatusCode}")) + rig.Worker.Output);
        var create = rig.Setup.Acs.Requests.Last(r => r.Method == "POST" && r.Path.StartsWith("/calling/callConnections", StringComparison.Ordinal));
        Assert.Contains("447700900888", create.BodyText, StringComparison.Ordinal);
        output.WriteLine($"createCall: {create} {create.StatusCode}");

        JsonElement task = default;
        await Eventually.TrueAsync(async () =>
        {
            var tasks = await rig.Worker.Http.GetFromJsonAsync<JsonElement>("/api/tasks", Ct);
            task = tasks.EnumerateArray().LastOrDefault(t => t.GetProperty("channel").GetString() == "voice");
            return task.ValueKind == JsonValueKind.Object;
        }, Timeout, () => rig.Worker.Output);
        Assert.Equal("assigned", task.GetProperty("state").GetString());
        Assert.Equal("ann", task.GetProperty("assignedAgentId").GetString());
        await Expect(panel.GetByRole(AriaRole.Tab)).ToContainTextAsync("Call");
    }

    private static Dictionary<string, string?> Embedded(FakeLightningHost host) => new() { ["Panel__HostOrigins__0"] = host.Origin };

    /// <summary>The Lightning page with the panel as its softphone; the agent signs in inside the frame.</summary>
    private static async Task<(IPage Page, IFrameLocator Panel)> OpenInHostAsync(PanelBrowser browser, FakeLightningHost host, PanelRig rig, string id)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(host.HostPageUrl(rig.PanelUrl).ToString());
        var panel = page.FrameLocator(FakeLightningHost.SoftphoneFrame);
        await panel.GetByLabel("Email").FillAsync($"{id}@example.com");
        await panel.GetByLabel("Password").FillAsync(PanelBrowser.Password(id));
        await panel.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(panel.Locator("html[data-ready='true'][data-host='salesforce']")).ToBeAttachedAsync();
        return (page, panel);
    }
}
