using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.People;

/// <summary>
/// Local accounts, the embedded default when no OpenID provider is configured: the first admin from the one-time
/// setup link or the add-user verb, the sign-in form, the session cookie, antiforgery on cookie writes, lockout and
/// disabling. Real Worker processes; the pages are driven as a browser posts them.
/// </summary>
public sealed partial class LocalSignInTests
{
    private const string AdminPassword = "correct horse battery staple";
    private const string AnnPassword = "ann's long passphrase";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_setup_link_printed_at_start_makes_the_first_admin_once_and_a_wrong_password_is_refused()
    {
        await using var worker = WorkerProcess.Start(new Dictionary<string, string?>());
        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        var link = await SetupLinkAsync(worker);

        using var browser = new CookieSession(worker.BaseAddress);
        using var setupPage = await browser.GetAsync(link, Ct);
        Assert.Equal(HttpStatusCode.OK, setupPage.StatusCode);
        using var created = await browser.PostFormAsync("/setup", await setupPage.Content.ReadAsStringAsync(Ct), new Dictionary<string, string>
        {
            ["token"] = CookieSession.Hidden(await setupPage.Content.ReadAsStringAsync(Ct), "token"),
            ["email"] = "Admin@Example.com",
            ["displayName"] = "Ada Admin",
            ["password"] = AdminPassword,
        }, Ct);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        // The session cookie works in the CRM's iframe (another site) and is out of scripts' reach.
        var session = Assert.Single(browser.SetCookieHeaders, h => h.StartsWith("connector.session=", StringComparison.Ordinal));
        Assert.Contains("samesite=none", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        var me = await MeAsync(browser);
        Assert.Equal("Ada Admin", me.GetProperty("name").GetString());
        Assert.Equal(["admin"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        // The link was good once.
        using var again = new CookieSession(worker.BaseAddress);
        Assert.Equal(HttpStatusCode.NotFound, (await again.GetAsync(link, Ct)).StatusCode);

        // The password opens the account; a wrong one does not, and says no more than that.
        using var wrong = await SignInAsync(again, "admin@example.com", "not the password at all");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("Wrong email or password.", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.False(again.Has("connector.session"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.GetAsync("/api/me", Ct)).StatusCode);
        using var right = await SignInAsync(again, "admin@example.com", AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(["admin"], (await MeAsync(again)).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task An_agents_local_session_acts_as_their_agent_writes_only_with_the_antiforgery_token_and_ends_when_the_account_is_disabled()
    {
        await using var worker = WorkerProcess.Start(new Dictionary<string, string?>());
        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        (await worker.Http.PutAsJsonAsync("/api/agents/ann", new { name = "Ann", email = "ann@example.com" }, Ct)).EnsureSuccessStatusCode();
        using var created = await worker.Http.PostAsJsonAsync("/api/accounts", new { email = "ANN@example.com", displayName = "Ann", password = AnnPassword, role = "agent" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var accountId = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
        var shortPassword = await worker.Http.PostAsJsonAsync("/api/accounts", new { email = "bob@example.com", password = "short", role = "agent" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, shortPassword.StatusCode);

        using var ann = new CookieSession(worker.BaseAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(ann, "ann@example.com", AnnPassword)).StatusCode);
        var me = await MeAsync(ann);
        Assert.Equal("ann", me.GetProperty("agentId").GetString());
        Assert.Equal(["agent"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        // A write with the session cookie alone could have been posted by another site: refused.
        using var forged = await ann.SendJsonAsync(HttpMethod.Put, "/api/agents/ann/presence", new { channels = new[] { "whatsapp" } }, null, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Antiforgery token missing or invalid", (await forged.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("title").GetString());
        var token = await ann.CsrfTokenAsync(Ct);
        using var wrongToken = await ann.SendJsonAsync(HttpMethod.Put, "/api/agents/ann/presence", new { channels = new[] { "whatsapp" } }, token[..^4] + "AAAA", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, wrongToken.StatusCode);
        using var online = await ann.SendJsonAsync(HttpMethod.Put, "/api/agents/ann/presence", new { channels = new[] { "whatsapp" } }, token, Ct);
        Assert.Equal(HttpStatusCode.OK, online.StatusCode);
        // With the token, the role still decides: accounts are the admins'.
        using var notAdmin = await ann.SendJsonAsync(HttpMethod.Post, "/api/accounts", new { email = "eve@example.com", password = AnnPassword, role = "admin" }, token, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);

        // The hub with the session cookie answers this Worker's own pages; another site's page is refused, even
        // without a negotiate (a WebSocket straight to /hubs/agent carries the same Origin).
        using var foreignHub = await ann.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/hubs/agent/negotiate?negotiateVersion=1") { Headers = { { "Origin", "https://crm-lookalike.example" } } }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, foreignHub.StatusCode);
        using var foreignSocket = await ann.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/hubs/agent") { Headers = { { "Origin", "https://crm-lookalike.example" } } }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, foreignSocket.StatusCode);
        using var ownHub = await ann.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/hubs/agent/negotiate?negotiateVersion=1") { Headers = { { "Origin", worker.BaseAddress.GetLeftPart(UriPartial.Authority) } } }, Ct);
        Assert.Equal(HttpStatusCode.OK, ownHub.StatusCode);

        // Disabled: the session ends at its next request, and the password opens nothing.
        Assert.Equal(HttpStatusCode.NoContent, (await worker.Http.DeleteAsync($"/api/accounts/{accountId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ann.GetAsync("/api/me", Ct)).StatusCode);
        using var refused = await SignInAsync(ann, "ann@example.com", AnnPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var accounts = await worker.Http.GetFromJsonAsync<JsonElement>("/api/accounts", Ct);
        Assert.NotEqual(JsonValueKind.Null, accounts.EnumerateArray().Single(a => a.GetProperty("id").GetString() == accountId).GetProperty("disabledAt").ValueKind);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_so_that_even_the_right_one_is_refused()
    {
        await using var worker = WorkerProcess.Start(new Dictionary<string, string?> { ["Auth__LocalAccounts__MaxFailedSignIns"] = "3" });
        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        (await worker.Http.PostAsJsonAsync("/api/accounts", new { email = "ann@example.com", password = AnnPassword, role = "agent" }, Ct)).EnsureSuccessStatusCode();

        using var guesser = new CookieSession(worker.BaseAddress);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(guesser, "ann@example.com", $"guess number {i} wrong")).StatusCode);
        }

        using var locked = await SignInAsync(guesser, "ann@example.com", AnnPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("locked until", await locked.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_add_user_verb_makes_the_first_admin_from_standard_input_and_then_no_setup_link_is_printed()
    {
        var directory = Directory.CreateTempSubdirectory("connector-add-user-").FullName;
        var verb = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { RepositoryPaths.WorkerDll, "add-user", "--email", "root@example.com", "--role", "admin", "--name", "Root" })
        {
            verb.ArgumentList.Add(argument);
        }

        using (var process = Process.Start(verb)!)
        {
            await process.StandardInput.WriteLineAsync(AdminPassword);
            process.StandardInput.Close();
            var output = await process.StandardOutput.ReadToEndAsync(Ct) + await process.StandardError.ReadToEndAsync(Ct);
            await process.WaitForExitAsync(Ct);
            Assert.True(process.ExitCode == 0, $"add-user exited {process.ExitCode}: {output}");
        }

        await using var worker = WorkerProcess.Start(new Dictionary<string, string?>(), directory);
        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        using var root = new CookieSession(worker.BaseAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(root, "root@example.com", AdminPassword)).StatusCode);
        Assert.Equal("Root", (await MeAsync(root)).GetProperty("name").GetString());
        Assert.DoesNotContain("/setup?token=", worker.Output, StringComparison.Ordinal);
    }

    private static async Task<string> SetupLinkAsync(WorkerProcess worker)
    {
        Match? found = null;
        await Eventually.TrueAsync(() => Task.FromResult((found = SetupLinkLine().Match(worker.Output)).Success), TimeSpan.FromSeconds(30), () => worker.Output);
        return found!.Groups["path"].Value;
    }

    private static async Task<HttpResponseMessage> SignInAsync(CookieSession browser, string email, string password)
    {
        using var form = await browser.GetAsync("/signin", Ct);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        return await browser.PostFormAsync("/signin", await form.Content.ReadAsStringAsync(Ct), new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = password,
            ["returnUrl"] = "/api/me",
        }, Ct);
    }

    private static async Task<JsonElement> MeAsync(CookieSession browser)
    {
        using var me = await browser.GetAsync("/api/me", Ct);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        return await me.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [GeneratedRegex(@"open http://[^/\s]+(?<path>/setup\?token=[0-9a-f]+)")]
    private static partial Regex SetupLinkLine();
}
