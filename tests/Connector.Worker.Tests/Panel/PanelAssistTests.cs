using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Connector.Worker.Tests.Panel;

/// <summary>
/// Agent assist in the panel: the suggestions for what the customer wrote appear beside the conversation and follow the
/// customer's next message (assistAvailable); Insert puts one in the reply box, and the reply sent from it counts as used.
/// </summary>
public sealed class PanelAssistTests(ITestOutputHelper output)
{
    private const string RefundBody = "Refunds are paid to the card you used within 5 working days of your return reaching us.";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly string AxeScript = Path.Combine(RepositoryPaths.Root, "Connector.Worker", "Panel", "node_modules", "axe-core", "axe.min.js");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_agent_inserts_the_article_suggested_for_the_customers_question_and_the_reply_sent_from_it_is_recorded_as_used()
    {
        await using var rig = await PanelRig.StartAsync();
        await PanelBrowser.AddPersonAsync(rig.Worker, "ann");
        var admin = rig.Worker.Http;
        foreach (var article in new[]
        {
            new { title = "Refunds", body = RefundBody, language = "en" },
            new { title = "Resetting a password", body = "Click Forgot password on the sign-in page; the link we email is valid for one hour.", language = "en" },
        })
        {
            (await admin.PostAsJsonAsync("/api/knowledge/articles", article, Ct)).EnsureSuccessStatusCode();
        }

        await using var browser = await PanelBrowser.LaunchAsync();
        // Axe is injected as a script the panel's CSP would refuse: this context bypasses the CSP for the audit only.
        var page = await browser.OpenPanelAsync(rig.PanelUrl, "ann", bypassCsp: true);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "WhatsApp" }).CheckAsync();
        await rig.WhatsAppAsync("+447700900777", "I sent the shoes back last week, when do I get my money back?");
        await page.GetByRole(AriaRole.Region, new() { Name = "Offer: whatsapp from +447700900777" }).GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();

        var tab = page.GetByRole(AriaRole.Tabpanel);
        var suggestions = tab.GetByRole(AriaRole.Region, new() { Name = "Suggestions" });
        // The first suggestions load the sentence model and index the articles, slower than the panel's other reads: the
        // same answer read through the API first says what went wrong if the card never shows.
        var conversation = (await rig.TaskOfAsync("+447700900777")).GetProperty("conversationId").GetGuid();
        var answer = await admin.GetAsync($"/api/conversations/{conversation}/assist", Ct);
        Assert.True(answer.IsSuccessStatusCode, $"{answer.StatusCode}: {await answer.Content.ReadAsStringAsync(Ct)}");
        await Expect(suggestions.GetByRole(AriaRole.Listitem).First).ToContainTextAsync("Refunds", new() { Timeout = (float)Timeout.TotalMilliseconds });
        await Expect(suggestions).ToContainTextAsync("No draft: no AI service (Ai:Provider is None)");
        await AuditAsync(page);
        await PanelBrowser.ScreenshotAsync(page, "assist");

        await suggestions.GetByRole(AriaRole.Button, new() { Name = "Insert article: Refunds" }).ClickAsync();
        var message = tab.GetByLabel("Message");
        await Expect(message).ToHaveValueAsync(RefundBody);
        await message.FillAsync($"Hi! {RefundBody} Anything else?");
        await tab.GetByRole(AriaRole.Button, new() { Name = "Send WhatsApp" }).ClickAsync();
        await Expect(tab.GetByRole(AriaRole.List, new() { Name = "Conversation timeline" })).ToContainTextAsync("Anything else?");

        JsonElement refunds = default;
        await Eventually.TrueAsync(async () =>
        {
            var usage = await admin.GetFromJsonAsync<JsonElement>("/api/assist/usage?kind=article", Ct);
            refunds = usage.EnumerateArray().FirstOrDefault(u => u.GetProperty("title").GetString() == "Refunds");
            return refunds.ValueKind == JsonValueKind.Object && refunds.GetProperty("used").GetInt32() == 1;
        }, Timeout, () => rig.Worker.Output);
        Assert.Equal((1, 1), (refunds.GetProperty("inserted").GetInt32(), refunds.GetProperty("agents").GetInt32()));

        // The customer asks something else: the panel is told (assistAvailable) and the suggestions follow.
        await rig.WhatsAppAsync("+447700900777", "Thanks. Also I forgot my password and cannot log in");
        await Expect(suggestions.GetByRole(AriaRole.Listitem).First).ToContainTextAsync("Resetting a password", new() { Timeout = (float)Timeout.TotalMilliseconds });
    }

    private async Task AuditAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Path = AxeScript });
        var result = await page.EvaluateAsync<JsonElement>("async () => await axe.run(document, { resultTypes: ['violations'] })");
        var violations = result.GetProperty("violations").EnumerateArray().ToList();
        foreach (var v in violations)
        {
            output.WriteLine($"{v.GetProperty("impact").GetString()} {v.GetProperty("id").GetString()}: {v.GetProperty("help").GetString()}");
        }

        var serious = violations.Where(v => v.GetProperty("impact").GetString() is "serious" or "critical").Select(v => v.ToString()).ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }
}
