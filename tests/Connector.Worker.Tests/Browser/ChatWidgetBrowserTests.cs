using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Worker.Tests.Fakes.Acs;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Payloads;
using static Microsoft.Playwright.Assertions;

namespace Connector.Worker.Tests.Browser;

/// <summary>
/// The chat widget in a real browser: a website includes <c>/chat/widget.js</c> from a Worker pointed at the fake ACS;
/// the visitor chats through ACS Chat directly (cross-origin, with the visitor's token) and sees the agent's replies.
/// </summary>
public sealed class ChatWidgetBrowserTests
{
    private const string Key = "widget-hook-key";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_visitor_chats_from_a_website_sees_the_agents_reply_and_keeps_the_chat_across_a_reload()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var setup = await WorkerWithFakeAcs.StartAsync(new Dictionary<string, string?> { ["Acs__WebhookKey"] = Key }, Ct);
        var worker = setup.Worker;
        var acs = setup.Acs;

        var page = await browser.NewPageAsync();
        var browserErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") { browserErrors.Add(message.Text); } };
        page.PageError += (_, error) => browserErrors.Add(error);
        page.RequestFailed += (_, request) => browserErrors.Add($"{request.Method} {request.Url}: {request.Failure}");
        await using var shop = await Website.StartAsync(
            $"""<!doctype html><html><head><link rel="icon" href="data:,"></head><body><h1>Shop</h1><script src="{new Uri(worker.BaseAddress, "/chat/widget.js")}" data-open="true" async></script></body></html>""", Ct);
        await page.GotoAsync(shop.Address.ToString());

        var widget = page.FrameLocator("#connector-chat-frame");
        await widget.Locator("#name").FillAsync("Robin");
        await widget.Locator("#email").FillAsync("robin@example.com");
        await widget.Locator("#start").ClickAsync();
        await widget.Locator("#text").FillAsync("Hello from the widget");
        await widget.Locator("#send").ClickAsync();

        // The message went to ACS from the browser, as the visitor, into the session's thread.
        FakeAcsChatThread? thread = null;
        FakeAcsChatMessage? sent = null;
        await Eventually.TrueAsync(() =>
        {
            thread = acs.Threads.SingleOrDefault();
            if (thread is not null)
            {
                lock (thread)
                {
                    sent = thread.Messages.FirstOrDefault(m => m.Type == "text" && m.Content["message"]?.GetValue<string>() == "Hello from the widget");
                }
            }

            return Task.FromResult(sent is not null);
        }, TimeSpan.FromSeconds(20), () => $"{worker.Output}\nbrowser errors: {string.Join('\n', browserErrors)}");
        var visitor = sent!.SenderId!;
        Assert.Equal("Robin", thread!.Participants[visitor]);
        Assert.Equal("Robin", sent.SenderDisplayName);
        Assert.Contains(acs.RequestsTo("/messages"), r => r.Method == "OPTIONS"); // a real cross-origin preflight
        await Expect(widget.Locator("#messages li.mine")).ToHaveTextAsync(["You" + "Hello from the widget"]);

        // Event Grid tells the connector; the agent answers from the panel API; the widget shows it.
        var conversation = await DeliverToWebhookAsync(worker, thread.Id, visitor, sent.Id, "Hello from the widget");
        var reply = await (await worker.TakeConversationAsync("Ann", conversation, "chat")).PostAsJsonAsync($"/api/conversations/{conversation}/messages", new { channel = "chat", text = "Hi Robin, how can I help?", agentId = "Ann" }, Ct);
        reply.EnsureSuccessStatusCode();
        await Expect(widget.Locator("#messages li.theirs")).ToHaveTextAsync(["Ann" + "Hi Robin, how can I help?"], new() { Timeout = 10_000 });

        // A reload keeps the chat: no form again, both sides shown.
        await page.ReloadAsync();
        await Expect(widget.Locator("#messages li")).ToHaveCountAsync(2, new() { Timeout = 10_000 });
        await Expect(widget.Locator("#prechat")).ToBeHiddenAsync();
        await Expect(widget.Locator("#messages li").Last).ToContainTextAsync("Hi Robin, how can I help?");
        Assert.Single(acs.Threads); // the same session, not a new one
        Assert.Empty(browserErrors);
    }

    private static async Task<Guid> DeliverToWebhookAsync(WorkerProcess worker, string threadId, string sender, string messageId, string text)
    {
        var e = JsonNode.Parse(AcsEvents.ChatMessageReceivedInThread)!;
        e["id"] = Guid.NewGuid().ToString();
        e["data"]!["threadId"] = threadId;
        e["data"]!["messageBody"] = text;
        e["data"]!["messageId"] = messageId;
        e["data"]!["composeTime"] = DateTimeOffset.UtcNow.ToString("O");
        e["data"]!["senderCommunicationIdentifier"]!["rawId"] = sender;
        using var delivered = await FakeAcsServer.PostEventGridEventsAsync(new Uri(worker.BaseAddress, $"/webhooks/acs/events?key={Key}"), "[" + e.ToJsonString() + "]", Ct);
        delivered.EnsureSuccessStatusCode();
        var customer = await worker.Http.GetFromJsonAsync<JsonElement>($"/api/customers?identity=chat:{Uri.EscapeDataString(sender)}", Ct);
        return customer.GetProperty("conversationIds")[0].GetGuid();
    }
}
