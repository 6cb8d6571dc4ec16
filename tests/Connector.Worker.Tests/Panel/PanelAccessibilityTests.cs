using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Connector.Worker.Tests.Panel;

/// <summary>axe-core (the npm package the panel's build installs) on the panel's main views.</summary>
public sealed class PanelAccessibilityTests(ITestOutputHelper output)
{
    private static readonly string AxeScript = Path.Combine(RepositoryPaths.Root, "Connector.Worker", "Panel", "node_modules", "axe-core", "axe.min.js");

    [Fact]
    public async Task Axe_finds_no_serious_or_critical_violation_on_the_offer_the_task_and_the_supervisor_view()
    {
        await using var rig = await PanelRig.StartAsync();
        await PanelBrowser.AddPersonAsync(rig.Worker, "sam", role: "supervisor", supervises: ["whatsapp"]);
        await using var browser = await PanelBrowser.LaunchAsync();
        // Axe is injected as a script the panel's CSP would refuse: this context bypasses the CSP for the audit only.
        var page = await browser.OpenPanelAsync(rig.PanelUrl, "sam", bypassCsp: true);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "WhatsApp" }).CheckAsync();

        await rig.WhatsAppAsync("+447700900555", "My invoice shows the wrong address.");
        var offer = page.GetByRole(AriaRole.Region, new() { Name = "Offer: whatsapp from +447700900555" });
        await Expect(offer).ToContainTextAsync("My invoice shows the wrong address.");
        await AuditAsync(page, "offer");

        await offer.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Tabpanel)).ToContainTextAsync("My invoice shows the wrong address.");
        await AuditAsync(page, "task");

        await page.GetByRole(AriaRole.Button, new() { Name = "Supervisor" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("whatsapp");
        await AuditAsync(page, "supervisor");
    }

    private async Task AuditAsync(IPage page, string view)
    {
        await page.AddScriptTagAsync(new() { Path = AxeScript });
        var result = await page.EvaluateAsync<JsonElement>("async () => await axe.run(document, { resultTypes: ['violations'] })");
        var violations = result.GetProperty("violations").EnumerateArray().ToList();
        foreach (var v in violations)
        {
            output.WriteLine($"{view}: {v.GetProperty("impact").GetString()} {v.GetProperty("id").GetString()}: {v.GetProperty("help").GetString()} ({v.GetProperty("nodes").GetArrayLength()} nodes)");
        }

        var serious = violations.Where(v => v.GetProperty("impact").GetString() is "serious" or "critical").Select(v => v.ToString()).ToList();
        Assert.True(serious.Count == 0, $"{view}: {string.Join("\n", serious)}");
    }
}
