using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Browser;
using Connector.Worker.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Connector.Worker.Tests.People;

/// <summary>The sign-in form where the panel will live: in an iframe of the CRM's page, another site than the Worker.</summary>
public sealed class LocalSignInBrowserTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_sign_in_form_works_inside_another_sites_iframe_and_its_session_acts_as_the_agent()
    {
        // The CRM's page is made first: the Worker lets only the configured CRM origins frame its pages.
        var url = $"http://127.0.0.1:{WorkerProcess.FreePort()}";
        await using var crm = await Website.StartAsync(
            $"""<!doctype html><html lang="en"><head><title>CRM</title><link rel="icon" href="data:,"></head><body><h1>CRM</h1><iframe id="panel" title="Connector" src="{url}/signin" width="480" height="640"></iframe></body></html>""", Ct);
        await using var worker = WorkerProcess.Start(new Dictionary<string, string?> { ["Panel__HostOrigins__0"] = crm.Address.GetLeftPart(UriPartial.Authority) }, urls: url);
        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        (await worker.Http.PutAsJsonAsync("/api/agents/ann", new { name = "Ann", email = "ann@example.com" }, Ct)).EnsureSuccessStatusCode();
        (await worker.Http.PostAsJsonAsync("/api/accounts", new { email = "ann@example.com", displayName = "Ann", password = "ann's long passphrase", role = "agent" }, Ct))
            .EnsureSuccessStatusCode();

        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        await page.GotoAsync(crm.Address.ToString());

        // The form's antiforgery cookie and then the session cookie are third-party cookies here: SameSite=None; Secure.
        var panel = page.FrameLocator("#panel");
        await panel.GetByLabel("Email").FillAsync("ann@example.com");
        await panel.GetByLabel("Password").FillAsync("ann's long passphrase");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(panel.Locator("h1")).ToHaveTextAsync("Signed in");

        var frame = page.Frames.Single(f => f.Url.StartsWith(worker.BaseAddress.ToString(), StringComparison.Ordinal));
        var me = await frame.EvaluateAsync<JsonElement>("async () => (await fetch('/api/me')).json()");
        Assert.Equal("ann", me.GetProperty("agentId").GetString());
    }

    [Fact]
    public async Task A_site_that_is_not_a_configured_CRM_cannot_frame_the_sign_in_form_or_the_panel()
    {
        await using var worker = WorkerProcess.Start(new Dictionary<string, string?> { ["Panel__HostOrigins__0"] = "https://acme.lightning.force.com" });
        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var stranger = await Website.StartAsync(
            $"""<!doctype html><html lang="en"><head><title>Elsewhere</title><link rel="icon" href="data:,"></head><body><iframe id="panel" title="Connector" src="{new Uri(worker.BaseAddress, "/panel")}"></iframe></body></html>""", Ct);
        var page = await browser.NewPageAsync();
        var refused = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("frame-ancestors", StringComparison.Ordinal))
            {
                refused.TrySetResult(message.Text);
            }
        };
        await page.GotoAsync(stranger.Address.ToString());

        // The panel sends the browser to sign in; Chromium refuses to show that page in the stranger's frame, and says why.
        var why = await refused.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.Contains("https://acme.lightning.force.com", why, StringComparison.Ordinal);
        await Expect(page.FrameLocator("#panel").GetByLabel("Email")).ToHaveCountAsync(0);

        using var headers = await worker.Http.GetAsync("/signin", Ct);
        Assert.Equal("script-src 'self'; frame-ancestors 'self' https://acme.lightning.force.com", headers.Headers.GetValues("Content-Security-Policy").Single());
    }
}
