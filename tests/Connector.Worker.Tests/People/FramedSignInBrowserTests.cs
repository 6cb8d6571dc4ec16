using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connector.Worker.Tests.Browser;
using Connector.Worker.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Connector.Worker.Tests.People;

/// <summary>
/// Signing in at a real OpenID provider from the CRM's iframe: the provider refuses to be framed and the frame's session
/// cookie is partitioned by the CRM's site, so the provider opens in a popup and a one-time code brings the sign-in back.
/// </summary>
public sealed class FramedSignInBrowserTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_agent_in_another_sites_iframe_signs_in_through_the_popup_lands_on_the_panel_as_herself_and_the_code_works_only_once()
    {
        // The CRM's page (localhost) frames the panel of the Worker (127.0.0.1), the only origin allowed to frame it.
        var url = $"http://127.0.0.1:{WorkerProcess.FreePort()}";
        await using var crm = await Website.StartAsync(
            $"""<!doctype html><html lang="en"><head><title>CRM</title><link rel="icon" href="data:,"></head><body><h1>CRM</h1><iframe id="panel" title="Connector" src="{url}/panel" width="480" height="640"></iframe></body></html>""", Ct);
        await using var provider = await TestOidcProvider.StartAsync(new Uri(url), [OidcWorld.Ann, OidcWorld.Bob], Ct);
        var settings = provider.WorkerSettings();
        settings["Panel__HostOrigins__0"] = crm.Address.GetLeftPart(UriPartial.Authority);
        settings["Auth__Oidc__DisplayName"] = "Example ID";
        await using var worker = WorkerProcess.Start(settings, urls: url);
        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        foreach (var (id, person) in new[] { ("ann", OidcWorld.Ann), ("bob", OidcWorld.Bob) })
        {
            (await worker.Http.PutAsJsonAsync($"/api/agents/{id}", new { name = person.Name, email = person.Email }, Ct)).EnsureSuccessStatusCode();
        }

        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        string? handedOver = null;
        page.Request += (_, request) =>
        {
            if (request.Url.EndsWith("/signin/handoff", StringComparison.Ordinal))
            {
                handedOver = System.Web.HttpUtility.ParseQueryString(request.PostData ?? "")["code"];
            }
        };
        await page.GotoAsync(crm.Address.ToString());

        // The panel sends the signed-out frame to /signin, which offers the provider in a popup rather than framing it.
        var panel = page.FrameLocator("#panel");
        var signIn = panel.GetByRole(AriaRole.Button, new() { Name = "Sign in with Example ID" });
        var popup = await page.RunAndWaitForPopupAsync(() => signIn.ClickAsync());
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        popup.Close += (_, _) => closed.TrySetResult();
        await Expect(popup).ToHaveURLAsync(new Regex($"^{Regex.Escape(provider.Issuer.ToString())}interaction/"));
        await popup.GetByLabel("Email").FillAsync(OidcWorld.Ann.Email);
        await popup.GetByLabel("Password").FillAsync(OidcWorld.Ann.Password);
        await popup.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Back at the Worker, the popup hands the code to the frame and closes itself.
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        var frame = page.Frames.Single(f => f.Url.StartsWith(worker.BaseAddress.ToString(), StringComparison.Ordinal));
        await frame.WaitForURLAsync(new Regex($"^{Regex.Escape(url)}/panel/?$"));
        var me = await FetchAsync(frame, "GET", "/api/me");
        Assert.Equal(200, me.Status);
        Assert.Equal("ann", me.Body.GetProperty("agentId").GetString());
        Assert.Equal(["agent"], me.Body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        // The code the frame sent, sent again (with a valid antiforgery token of the session now in the frame), is refused.
        Assert.NotNull(handedOver);
        var token = (await FetchAsync(frame, "GET", "/api/antiforgery")).Body.GetProperty("token").GetString()!;
        var again = await frame.EvaluateAsync<JsonElement>("""
            async ([code, token]) => {
              const response = await fetch('/signin/handoff', { method: 'POST', body: new URLSearchParams({ code, __RequestVerificationToken: token }) });
              return { status: response.status, body: await response.json() };
            }
            """, new object[] { handedOver!, token });
        Assert.Equal(400, again.GetProperty("status").GetInt32());
        Assert.Equal("code", again.GetProperty("body").GetProperty("field").GetString());
        // The Worker logged why, never the code itself.
        await Eventually.TrueAsync(() => Task.FromResult(worker.Output.Contains("A sign-in handoff code was refused: Used", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), () => worker.Output);
        Assert.DoesNotContain(handedOver!, worker.Output, StringComparison.Ordinal);
    }

    /// <summary>A request the frame's own script makes, as the panel does: same origin, with the frame's session cookie.</summary>
    private static async Task<(int Status, JsonElement Body)> FetchAsync(IFrame frame, string method, string path)
    {
        var result = await frame.EvaluateAsync<JsonElement>("""
            async ([method, path]) => {
              const response = await fetch(path, { method });
              const text = await response.text();
              return { status: response.status, body: text ? JSON.parse(text) : null };
            }
            """, new object?[] { method, path });
        return (result.GetProperty("status").GetInt32(), result.GetProperty("body"));
    }
}
