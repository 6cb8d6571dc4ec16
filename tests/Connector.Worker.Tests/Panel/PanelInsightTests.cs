using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connector.Worker.Tests.Api;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Insight;
using Connector.Worker.Tests.Push;
using Connector.Worker.Tests.Qa;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Connector.Worker.Tests.Panel;

/// <summary>
/// The insight in the agent panel: each analysed timeline entry shows its sentiment in words and its topics, the
/// conversation its roll-up, and work still open shows none. The analysis lands after the panel read the conversation
/// (the job runs at the wrap-up), so the panel learns of it from the hub (insightAvailable), without a reload.
/// </summary>
public sealed class PanelInsightTests(ITestOutputHelper output)
{
    private const string Phone = "+447700900651";
    private static readonly float Timeout = 60_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_agent_on_the_call_sees_the_sentiment_and_topics_of_the_whatsapp_work_wrapped_up_meanwhile_and_none_on_the_open_call()
    {
        await using var worker = await PanelWorld.StartAsync(InsightWorld.Charter);
        await AddAgentAsync(worker, "ann", "support");
        await AddAgentAsync(worker, "ben", "billing");
        await worker.OnlineAsync("ann", "whatsapp");
        await worker.OnlineAsync("ben", "voice");
        using var ann = await worker.KeyAsync("agent", "ann");
        using var ben = await worker.KeyAsync("agent", "ben");

        // Ann holds the customer's WhatsApp; the customer calls the same number meanwhile and Ben takes the call.
        var (whatsAppTask, conversation) = await worker.ArrivesAsync("whatsapp", Phone);
        await worker.AcceptsAsync(ann, whatsAppTask);
        await worker.SaysAsync("whatsapp", Phone, "in", "Great, another two hours on hold. Where is my parcel?");
        await worker.SaysAsync("whatsapp", Phone, "out", "I'm sorry! It is with the courier and arrives tomorrow.");
        await worker.SaysAsync("whatsapp", Phone, "in", "Thank you so much, that's really helpful");
        var call = await worker.Http.PostAsJsonAsync("/api/inbound-events", new
        {
            eventId = Guid.NewGuid().ToString(),
            channel = "voice",
            type = "call_started",
            identities = new[] { new { kind = "phone", value = Phone } },
            externalRef = "call-insight-1",
        }, Ct);
        call.EnsureSuccessStatusCode();
        var callIntake = await call.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(conversation, callIntake.GetProperty("conversationId").GetGuid());
        await worker.AcceptsAsync(ben, callIntake.GetProperty("taskId").GetGuid());

        await using var browser = await PanelBrowser.LaunchAsync();
        // Axe is injected as a script the panel's CSP would refuse: this context bypasses the CSP for the audit only.
        var page = await browser.OpenPanelAsync(new Uri(worker.BaseAddress, "/panel"), "ben", bypassCsp: true);
        var timeline = page.GetByRole(AriaRole.Tabpanel).GetByRole(AriaRole.List, new() { Name = "Conversation timeline" });
        var parcel = timeline.Locator("li.entry").Filter(new() { HasText = "Where is my parcel?" });
        await Expect(parcel).ToBeVisibleAsync();
        // Nothing is analysed yet: no badge, no topics, no roll-up.
        await Expect(timeline.Locator(".sentiment")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Conversation insight" })).ToHaveCountAsync(0);

        // Ben's own hub connection beside the page: the news of the analysis reaches whoever holds the conversation.
        await using var hub = HubClient.Start(ben.DefaultRequestHeaders.GetValues("X-Api-Key").Single(), afterSeq: -1, worker.BaseAddress);
        await hub.WaitForAsync(e => e.GetProperty("event").GetString() == "resumed", TimeSpan.FromSeconds(20), context: () => worker.Output);
        (await ann.PostAsJsonAsync($"/api/conversations/{conversation}/wrap-up", new { disposition = "resolved" }, Ct)).EnsureSuccessStatusCode();
        var pushed = (await hub.WaitForPushAsync("insightAvailable", TimeSpan.FromSeconds(60), () => worker.Output)).GetProperty("data");
        Assert.Equal((conversation, whatsAppTask), (pushed.GetProperty("conversationId").GetGuid(), pushed.GetProperty("taskId").GetGuid()));
        JsonElement read = default;
        await Eventually.TrueAsync(async () =>
        {
            read = await worker.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversation}", Ct);
            return read.TryGetProperty("insightSummary", out var s) && s.ValueKind == JsonValueKind.Object;
        }, TimeSpan.FromSeconds(60), () => worker.Output);

        // Every scored entry shows what the API says of it, in words; the open call's entry shows nothing.
        var entries = read.GetProperty("timeline").EnumerateArray().ToList();
        var scored = entries.Where(e => e.TryGetProperty("insight", out var i) && i.ValueKind == JsonValueKind.Object).ToList();
        Assert.Equal(4, scored.Count);
        await Expect(timeline.Locator(".sentiment")).ToHaveCountAsync(scored.Count, new() { Timeout = Timeout });
        foreach (var e in scored)
        {
            var entry = timeline.Locator($"li[data-event='{e.GetProperty("id").GetString()}']");
            var insight = e.GetProperty("insight");
            await ExpectBadgeAsync(entry.Locator(".sentiment"), insight.GetProperty("sentiment").GetDouble());
            var topics = insight.GetProperty("topics").EnumerateArray().Select(t => t.GetString()!).ToArray();
            await Expect(entry.GetByRole(AriaRole.List, new() { Name = "Topics" })).ToHaveCountAsync(topics.Length == 0 ? 0 : 1);
            if (topics.Length > 0)
            {
                await Expect(entry.GetByRole(AriaRole.List, new() { Name = "Topics" }).GetByRole(AriaRole.Listitem)).ToHaveTextAsync(topics);
            }
        }

        Assert.Contains("delivery", scored.Single(e => e.GetProperty("text").GetString()!.Contains("parcel", StringComparison.Ordinal))
            .GetProperty("insight").GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        var openCall = timeline.Locator("li.entry-call_started");
        await Expect(openCall).ToHaveCountAsync(1);
        await Expect(openCall.Locator(".sentiment")).ToHaveCountAsync(0);
        await Expect(openCall.GetByRole(AriaRole.List, new() { Name = "Topics" })).ToHaveCountAsync(0);

        // The roll-up: overall sentiment, trend and topics of the conversation's analysed work.
        var summary = read.GetProperty("insightSummary");
        var card = page.GetByRole(AriaRole.Region, new() { Name = "Conversation insight" });
        await ExpectBadgeAsync(card.Locator(".sentiment"), summary.GetProperty("sentiment").GetDouble());
        await Expect(card).ToContainTextAsync($"Trend: {summary.GetProperty("direction").GetString()}");
        await Expect(card.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(
            [.. summary.GetProperty("topics").EnumerateObject().Select(t => $"{t.Name} \u00d7{t.Value.GetInt32()}")]);
        await Expect(card).ToContainTextAsync("WhatsApp");
        await PanelAxe.AuditAsync(page, output, "insight");
        await PanelBrowser.ScreenshotAsync(page, "insight");
    }

    /// <summary>The badge says the sentiment in words (neutral within ±0.2) and its score to two places.</summary>
    private static async Task ExpectBadgeAsync(ILocator badge, double sentiment)
    {
        var label = sentiment >= 0.2 ? "positive" : sentiment <= -0.2 ? "negative" : "neutral";
        await Expect(badge).ToHaveTextAsync(new Regex($@"^Sentiment: {label} \([+\u2212]?\d\.\d\d\)$"));
        var text = await badge.TextContentAsync() ?? "";
        var shown = double.Parse(text[(text.IndexOf('(') + 1)..^1].Replace('\u2212', '-'), CultureInfo.InvariantCulture);
        // The panel rounds the kept four places to two as JavaScript does; within half a hundredth either way.
        Assert.InRange(shown, sentiment - 0.0051, sentiment + 0.0051);
    }

    private static async Task AddAgentAsync(WorkerProcess worker, string id, string skill)
    {
        (await worker.Http.PutAsJsonAsync($"/api/agents/{id}", new
        {
            name = char.ToUpperInvariant(id[0]) + id[1..],
            email = $"{id}@example.com",
            skills = new Dictionary<string, int> { [skill] = 5 },
            languages = new[] { "en" },
        }, Ct)).EnsureSuccessStatusCode();
        (await worker.Http.PostAsJsonAsync("/api/accounts", new { email = $"{id}@example.com", displayName = id, password = PanelBrowser.Password(id), role = "agent" }, Ct))
            .EnsureSuccessStatusCode();
    }
}
