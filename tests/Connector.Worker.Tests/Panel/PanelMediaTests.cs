using Connector.Worker.Tests.Crm;
using Connector.Worker.Tests.WhatsApp;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Connector.Worker.Tests.Panel;

/// <summary>Media in the standalone panel: files served by the Worker under the panel's own Content-Security-Policy.</summary>
public sealed class PanelMediaTests
{
    [Fact]
    public async Task A_WhatsApp_photo_sent_while_the_agent_has_the_conversation_open_appears_as_a_loaded_image_without_a_reload()
    {
        await using var rig = await PanelRig.StartAsync();
        await PanelBrowser.AddPersonAsync(rig.Worker, "ann");
        await using var browser = await PanelBrowser.LaunchAsync();
        var page = await browser.OpenPanelAsync(rig.PanelUrl, "ann");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "WhatsApp" }).CheckAsync();

        await rig.WhatsAppAsync("+447700900555", "My router shows a red light, photo coming.");
        var offer = page.GetByRole(AriaRole.Region, new() { Name = "Offer: whatsapp from +447700900555" });
        await offer.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        var timeline = page.GetByRole(AriaRole.Tabpanel).GetByRole(AriaRole.List, new() { Name = "Conversation timeline" });
        await Expect(timeline).ToContainTextAsync("My router shows a red light, photo coming.");

        // The photo: its message arrives first, the file once the media job has fetched it from ACS.
        rig.Setup.Acs.AddMedia("router-photo", WhatsAppMediaEvents.Png, "image/png");
        await WhatsAppMediaEvents.SendAsync(rig.Worker.Http, PanelRig.WebhookKey, "+447700900555", "router-photo", "image/png", "router.png", "the red light",
            WorkerWithFakeSalesforce.ChannelRegistration);
        var image = timeline.GetByRole(AriaRole.Img, new() { Name = "router.png" });
        await Expect(image).ToBeVisibleAsync();
        // Decoded, so fetched from the Worker's origin under the panel's CSP (img-src 'self').
        await Expect(image).ToHaveJSPropertyAsync("naturalWidth", 8);
        await Expect(timeline).ToContainTextAsync("the red light");
        await PanelBrowser.ScreenshotAsync(page, "whatsapp-photo");
    }
}
