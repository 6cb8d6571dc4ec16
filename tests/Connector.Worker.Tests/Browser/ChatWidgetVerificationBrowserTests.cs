using Connector.Worker.Tests.Chat;
using Connector.Worker.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Connector.Worker.Tests.Browser;

/// <summary>
/// The acceptance line end to end in a real browser: a visitor types an existing customer's number into the website's
/// widget, is nobody until the code that WhatsApp delivered is typed back, and then is that customer.
/// </summary>
public sealed class ChatWidgetVerificationBrowserTests
{
    [Fact]
    public async Task A_visitor_who_types_a_customers_number_in_the_widget_is_linked_to_them_only_after_typing_the_code_sent_to_it()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var rig = await ChatClaimRig.StartAsync("sqlite");
        var (alice, aliceConversation) = await rig.CustomerWritesAsync("whatsapp", "whatsapp", "+447700900444", "Is my parcel coming?");

        var page = await browser.NewPageAsync();
        var browserErrors = new List<string>();
        page.PageError += (_, error) => browserErrors.Add(error);
        var answers = new List<string>();
        page.Response += async (_, response) =>
        {
            if (response.Url.Contains("/api/chat/sessions", StringComparison.Ordinal))
            {
                answers.Add(await response.TextAsync());
            }
        };
        await using var shop = await Website.StartAsync(
            $"""<!doctype html><html><head><link rel="icon" href="data:,"></head><body><h1>Shop</h1><script src="{new Uri(rig.Worker.BaseAddress, "/chat/widget.js")}" data-open="true" async></script></body></html>""", TestContext.Current.CancellationToken);
        await page.GotoAsync(shop.Address.ToString());

        var widget = page.FrameLocator("#connector-chat-frame");
        await widget.Locator("#name").FillAsync("Robin");
        await widget.Locator("#phone").FillAsync("07700 900444");
        await widget.Locator("#start").ClickAsync();
        await Expect(widget.Locator("#verify-prompt")).ToContainTextAsync("phone");

        var thread = Assert.Single(rig.Acs.Threads);
        var visitor = thread.Participants.Single(p => p.Value == "Robin").Key;
        var before = await rig.CustomerAsync($"chat:{visitor}");
        Assert.NotEqual(alice, ChatClaimRig.IdOf(before));
        Assert.DoesNotContain(aliceConversation, ChatClaimRig.ConversationsOf(before));

        await widget.Locator("#send-code").ClickAsync();
        await Expect(widget.Locator("#verify-status")).ToHaveTextAsync("We sent a code to your phone.");
        await widget.Locator("#code").FillAsync(rig.LatestCodeTo("447700900444"));
        await widget.Locator("#check-code").ClickAsync();
        await Expect(widget.Locator("#verify-status")).ToHaveTextAsync("Your phone is confirmed.");
        await Expect(widget.Locator("#verify")).ToBeHiddenAsync();

        Assert.Equal(alice, ChatClaimRig.IdOf(await rig.CustomerAsync($"chat:{visitor}")));
        // Nothing the browser was answered named the customer or echoed the number.
        await Eventually.TrueAsync(() => Task.FromResult(answers.Count >= 3), TimeSpan.FromSeconds(5));
        Assert.All(answers, a =>
        {
            Assert.DoesNotContain(alice.ToString(), a, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("customerId", a, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("900444", a, StringComparison.Ordinal);
        });
        Assert.Empty(browserErrors);
    }
}
