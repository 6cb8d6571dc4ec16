using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Payloads;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Connector.Worker.Tests.Panel;

/// <summary>Claimed identities on the panel's customer card: shown as not verified, and the agent's Confirm links them.</summary>
public sealed class PanelClaimTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_agent_sees_a_chat_visitors_typed_number_as_claimed_not_verified_and_confirming_it_links_the_visitor_to_that_customer()
    {
        await using var rig = await PanelRig.StartAsync(new Dictionary<string, string?> { ["Identity__DefaultRegion"] = "GB" });
        await PanelBrowser.AddPersonAsync(rig.Worker, "ann");
        await rig.WhatsAppAsync("+447700900666", "Hello from WhatsApp");
        var alice = (await rig.Worker.Http.GetFromJsonAsync<JsonElement>("/api/customers?identity=whatsapp:%2B447700900666", Ct)).GetProperty("id").GetGuid();
        await using var browser = await PanelBrowser.LaunchAsync();
        var page = await browser.OpenPanelAsync(rig.PanelUrl, "ann");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Chat" }).CheckAsync();

        using var visitorHttp = new HttpClient { BaseAddress = rig.Worker.BaseAddress };
        var session = await (await visitorHttp.PostAsJsonAsync("/api/chat/sessions", new { displayName = "Alice", phone = "07700 900666" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var visitor = session.GetProperty("userId").GetString()!;
        await VisitorWritesAsync(rig, session.GetProperty("threadId").GetString()!, visitor, "It's Alice, now on your website");

        var offer = page.Locator("section[aria-label^='Offer: chat']");
        await offer.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        var claims = page.GetByRole(AriaRole.Tabpanel).GetByRole(AriaRole.Region, new() { Name = "Claimed identities" });
        await Expect(claims).ToContainTextAsync("phone +447700900666: claimed, not verified");
        Assert.NotEqual(alice, await CustomerOfAsync(rig, visitor));
        await PanelBrowser.ScreenshotAsync(page, "claimed-identity");

        await claims.GetByRole(AriaRole.Button, new() { Name = "Confirm phone +447700900666" }).ClickAsync();

        await Expect(claims).ToBeHiddenAsync();
        Assert.Equal(alice, await CustomerOfAsync(rig, visitor));
    }

    private static async Task<Guid> CustomerOfAsync(PanelRig rig, string visitor) =>
        (await rig.Worker.Http.GetFromJsonAsync<JsonElement>($"/api/customers?identity={Uri.EscapeDataString($"chat:{visitor}")}", Ct)).GetProperty("id").GetGuid();

    private static async Task VisitorWritesAsync(PanelRig rig, string threadId, string visitor, string text)
    {
        (await AcsWebhookDelivery.PostAsync(rig.Worker.Http, PanelRig.WebhookKey, AcsWebhookDelivery.ChatMessage(threadId, visitor, text), Ct)).EnsureSuccessStatusCode();
    }
}
