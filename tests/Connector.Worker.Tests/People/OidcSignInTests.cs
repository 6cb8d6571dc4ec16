using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Worker.Tests.Browser;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Routing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Connector.Worker.Tests.People;

/// <summary>
/// Sign-in at a real OpenID provider (oidc-provider): Chromium through the authorization-code flow with PKCE, the
/// session that follows acting as the signed-in agent only, and the provider's JWTs on the API.
/// </summary>
public sealed class OidcSignInTests(OidcWorld world) : IClassFixture<OidcWorld>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private WorkerProcess Worker => world.Worker;

    [Fact]
    public async Task An_agent_signs_in_in_chromium_with_pkce_cannot_touch_another_agents_offer_or_chat_token_and_hangfire_opens_only_to_an_admin()
    {
        // Bob alone is online, so the WhatsApp task is offered to him.
        await Worker.AgentOnlineAsync("bob", "whatsapp");
        var task = await Worker.WhatsAppArrivesAsync("+447700900123");
        Assert.Equal("bob", await Worker.WaitForOfferAsync(task));

        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await SignInAtProviderAsync(page, "/signin", OidcWorld.Ann);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Signed in");
        // The authorization-code flow with PKCE: the Worker pushed its request (PAR) with an S256 challenge, and the
        // provider, which requires PKCE of every client, took the verifier with the code.
        Assert.Contains($"pkce route=pushed_authorization_request client={TestOidcProvider.WorkerClientId} method=S256", world.Provider.Output, StringComparison.Ordinal);
        // Chromium kept the session cookie as sent: for the CRM's iframe, out of scripts' reach, Secure even on loopback http.
        var session = (await context.CookiesAsync([Worker.BaseAddress.ToString()])).Single(c => c.Name == "connector.session");
        Assert.True(session.Secure);
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.None, session.SameSite);

        var me = await FetchAsync(page, "GET", "/api/me");
        Assert.Equal(200, me.Status);
        Assert.Equal("ann", me.Body.GetProperty("agentId").GetString());
        Assert.Equal(["agent"], me.Body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        // Bob's offer: refused to Ann's session for want of the antiforgery token, then, with it, because it is Bob's.
        var forged = await FetchAsync(page, "POST", $"/api/offers/{task}/accept");
        Assert.Equal(403, forged.Status);
        Assert.Equal("Antiforgery token missing or invalid", forged.Body.GetProperty("title").GetString());
        var token = (await FetchAsync(page, "GET", "/api/antiforgery")).Body.GetProperty("token").GetString()!;
        var notHers = await FetchAsync(page, "POST", $"/api/offers/{task}/accept", token);
        Assert.Equal(403, notHers.Status);
        Assert.Equal("Not your offer", notHers.Body.GetProperty("title").GetString());
        Assert.Equal("offered", (await Worker.TaskAsync(task)).GetProperty("state").GetString());
        Assert.Equal(403, (await FetchAsync(page, "GET", "/api/agents/bob/chat-token")).Status);

        // The jobs dashboard is an admin's: refused to Ann's session, with a way to switch.
        var hangfire = await page.GotoAsync(new Uri(Worker.BaseAddress, "/hangfire").ToString());
        Assert.Equal(403, hangfire!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Not for your role");

        // Signing out ends the session here and at the provider, so that the next sign-in may be someone else.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Signed out");
        Assert.DoesNotContain(await context.CookiesAsync([Worker.BaseAddress.ToString()]), c => c.Name == "connector.session");

        // Opening the dashboard sends the browser to sign in, and back to the dashboard, as Ada the admin.
        await SignInAtProviderAsync(page, "/hangfire", OidcWorld.Ada);
        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("Connector jobs"));
        Assert.Equal(new Uri(Worker.BaseAddress, "/hangfire").ToString(), page.Url.TrimEnd('/'));
        Assert.Equal(["admin"], (await FetchAsync(page, "GET", "/api/me")).Body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_person_the_provider_knows_but_with_no_mapped_group_is_refused_and_gets_no_session()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        IResponse? callback = null;
        page.Response += (_, response) => { if (response.Url.Contains("/signin-oidc", StringComparison.Ordinal)) { callback = response; } };

        await SignInAtProviderAsync(page, "/signin", OidcWorld.Nick, refused: true);
        await Expect(page.Locator("h1")).ToHaveTextAsync("No access");
        Assert.Equal(403, callback?.Status);
        Assert.DoesNotContain(await context.CookiesAsync([Worker.BaseAddress.ToString()]), c => c.Name == "connector.session");
        Assert.Equal(401, (await FetchAsync(page, "GET", "/api/me")).Status);
    }

    [Fact]
    public async Task A_bearer_token_from_the_provider_acts_as_its_agent_on_the_api_without_an_antiforgery_token()
    {
        using var ann = new HttpClient { BaseAddress = Worker.BaseAddress };
        ann.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await world.Provider.AccessTokenAsync(OidcWorld.Ann, Ct));

        var me = await ann.GetFromJsonAsync<JsonElement>("/api/me", Ct);
        Assert.Equal("ann", me.GetProperty("agentId").GetString());
        Assert.Equal(["agent"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        // A browser never sends a bearer token by itself, so its writes need no antiforgery token.
        Assert.Equal(HttpStatusCode.OK, (await ann.PutAsJsonAsync("/api/agents/ann/presence", new { channels = Array.Empty<string>() }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ann.GetAsync("/api/agents/bob/chat-token", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ann.PutAsJsonAsync("/api/agents/bob/presence", new { channels = new[] { "whatsapp" } }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ann.GetAsync("/api/keys", Ct)).StatusCode);

        using var sue = new HttpClient { BaseAddress = Worker.BaseAddress };
        sue.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await world.Provider.AccessTokenAsync(OidcWorld.Sue, Ct));
        Assert.Equal(["supervisor"], (await sue.GetFromJsonAsync<JsonElement>("/api/me", Ct)).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        // A token of someone in no mapped group opens nothing; a token the provider did not sign is no token.
        using var nick = new HttpClient { BaseAddress = Worker.BaseAddress };
        nick.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await world.Provider.AccessTokenAsync(OidcWorld.Nick, Ct));
        using var nothing = await nick.GetAsync("/api/me", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, nothing.StatusCode);
        Assert.Equal("application/problem+json", nothing.Content.Headers.ContentType?.MediaType);
        using var forged = new HttpClient { BaseAddress = Worker.BaseAddress };
        var annToken = ann.DefaultRequestHeaders.Authorization!.Parameter!;
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", annToken[..annToken.LastIndexOf('.')] + ".AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task With_a_provider_configured_there_are_no_local_accounts_to_set_up_and_the_form_is_not_served()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Worker.BaseAddress };
        Assert.DoesNotContain("/setup?token=", Worker.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/setup?token=0123", Ct)).StatusCode);
        // /signin starts the provider's flow instead of showing a password form.
        using var signIn = await anonymous.GetAsync("/signin", Ct);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith(world.Provider.Issuer.ToString(), signIn.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Opens a page of the Worker that needs a session and types the person's password on the provider's page.</summary>
    private async Task SignInAtProviderAsync(IPage page, string path, TestOidcProvider.User user, bool refused = false)
    {
        await page.GotoAsync(new Uri(Worker.BaseAddress, path).ToString());
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"^{System.Text.RegularExpressions.Regex.Escape(world.Provider.Issuer.ToString())}interaction/"));
        await page.GetByLabel("Email").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // A refused person stays on the callback, which answers with the refusal; anyone else goes where they were going.
        await page.WaitForURLAsync(url => url.StartsWith(Worker.BaseAddress.ToString(), StringComparison.Ordinal) && url.Contains("/signin-oidc", StringComparison.Ordinal) == refused);
    }

    /// <summary>A request the page's own script makes, as the panel will: same origin, with the session cookie.</summary>
    private static async Task<(int Status, JsonElement Body)> FetchAsync(IPage page, string method, string path, string? csrfToken = null)
    {
        var result = await page.EvaluateAsync<JsonElement>("""
            async ([method, path, token]) => {
              const response = await fetch(path, { method, headers: token ? { 'X-CSRF-TOKEN': token } : {} });
              const text = await response.text();
              return { status: response.status, body: text ? JSON.parse(text) : null };
            }
            """, new object?[] { method, path, csrfToken });
        return (result.GetProperty("status").GetInt32(), result.GetProperty("body"));
    }
}
