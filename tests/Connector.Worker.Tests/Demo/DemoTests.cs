using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.People;

namespace Connector.Worker.Tests.Demo;

/// <summary>
/// <c>demo</c> as a new user runs it: the built Worker started with the verb, its printed URL and credentials read
/// from standard output, and everything else done over HTTP as the panel would (local sign-in with antiforgery).
/// </summary>
public sealed partial class DemoTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromSeconds(60);
    private static readonly string[] Messaging = ["whatsapp", "chat", "email"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_user_signs_in_with_the_printed_credentials_gets_live_work_within_a_minute_and_replies_through_the_stand_in()
    {
        var data = Directory.CreateTempSubdirectory("connector-demo-").FullName;
        var urls = $"http://127.0.0.1:{WorkerProcess.FreePort()}";
        // No admin key of the test's own: the demo makes its people, and the test acts only as them.
        await using var demo = WorkerProcess.Start(
            new Dictionary<string, string?> { ["Api__AdminKey"] = null }, urls: urls, arguments: ["demo", "--data", data, "--urls", urls]);
        await Eventually.TrueAsync(() => Task.FromResult(demo.Output.Contains("Stop with Ctrl+C.", StringComparison.Ordinal) || demo.HasExited), Minute, () => demo.Output);
        Assert.False(demo.HasExited, demo.Output);

        var printed = demo.Output;
        Assert.Equal($"{urls}/panel", OpenLine().Match(printed).Groups["url"].Value);
        var people = Credentials().Matches(printed).GroupBy(m => m.Groups["role"].Value)
            .ToDictionary(g => g.Key, g => (Email: g.First().Groups["email"].Value, Password: g.First().Groups["password"].Value));
        Assert.True(people.ContainsKey("agent") && people.ContainsKey("supervisor") && people.ContainsKey("admin"), printed);

        using var agent = new CookieSession(demo.BaseAddress);
        await SignInAsync(agent, people["agent"]);
        var csrf = await agent.CsrfTokenAsync(Ct);
        using var me = await agent.GetAsync("/api/me", Ct);
        var agentId = (await me.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("agentId").GetString()!;
        using (var online = await agent.SendJsonAsync(HttpMethod.Put, $"/api/agents/{agentId}/presence", new { channels = Messaging }, csrf, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, online.StatusCode);
        }

        // Within a minute an offer (or, for email, an assignment) reaches the agent.
        JsonElement task = default;
        await Eventually.TrueAsync(async () =>
        {
            using var tasks = await agent.GetAsync("/api/tasks", Ct);
            var mine = (await tasks.Content.ReadFromJsonAsync<JsonElement>(Ct)).EnumerateArray()
                .Where(t => t.GetProperty("assignedAgentId").GetString() == agentId && t.GetProperty("state").GetString() is "offered" or "assigned")
                .ToList();
            task = mine.FirstOrDefault();
            return mine.Count > 0;
        }, Minute, () => demo.Output);

        var taskId = task.GetProperty("id").GetString()!;
        var conversationId = task.GetProperty("conversationId").GetString()!;
        var channel = task.GetProperty("channel").GetString()!;
        if (task.GetProperty("state").GetString() == "offered")
        {
            using var accepted = await agent.SendJsonAsync(HttpMethod.Post, $"/api/offers/{taskId}/accept", new { }, csrf, Ct);
            Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync(Ct));
        }

        // The reply goes out through the stand-in, which answers as ACS does, and lands in the timeline.
        const string reply = "Thanks for waiting, I'm looking into this for you now.";
        using (var sent = await agent.SendJsonAsync(HttpMethod.Post, $"/api/conversations/{conversationId}/messages", new { channel, text = reply }, csrf, Ct))
        {
            Assert.True(sent.IsSuccessStatusCode, $"{(int)sent.StatusCode} {await sent.Content.ReadAsStringAsync(Ct)}\n{demo.Output}");
        }

        using (var conversation = await agent.GetAsync($"/api/conversations/{conversationId}", Ct))
        {
            var timeline = (await conversation.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("timeline").EnumerateArray().ToList();
            Assert.Contains(timeline, e => e.GetProperty("direction").GetString() == "out" && e.GetProperty("channel").GetString() == channel
                && e.TryGetProperty("text", out var text) && text.GetString() == reply);
        }

        // Traffic arrived on all four channels: the admin sees timeline entries of each.
        using var admin = new CookieSession(demo.BaseAddress);
        await SignInAsync(admin, people["admin"]);
        var channels = new HashSet<string>(StringComparer.Ordinal);
        await Eventually.TrueAsync(async () =>
        {
            using var tasks = await admin.GetAsync("/api/tasks", Ct);
            var conversations = (await tasks.Content.ReadFromJsonAsync<JsonElement>(Ct)).EnumerateArray()
                .Select(t => t.GetProperty("conversationId").GetString()!).Distinct().ToList();
            foreach (var id in conversations)
            {
                using var conversation = await admin.GetAsync($"/api/conversations/{id}", Ct);
                foreach (var entry in (await conversation.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("timeline").EnumerateArray())
                {
                    channels.Add(entry.GetProperty("channel").GetString()!);
                }
            }

            return channels.IsSupersetOf(["voice", "chat", "whatsapp", "email"]);
        }, Minute, () => $"channels seen: {string.Join(", ", channels)}\n{demo.Output}");
    }

    [Fact]
    public async Task In_the_panel_a_new_user_handles_a_live_task_within_a_minute_of_running_the_one_command()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var data = Directory.CreateTempSubdirectory("connector-demo-panel-").FullName;
        var urls = $"http://127.0.0.1:{WorkerProcess.FreePort()}";
        await using var demo = WorkerProcess.Start(
            new Dictionary<string, string?> { ["Api__AdminKey"] = null }, urls: urls, arguments: ["demo", "--data", data, "--urls", urls]);
        await Eventually.TrueAsync(() => Task.FromResult(demo.Output.Contains("Stop with Ctrl+C.", StringComparison.Ordinal) || demo.HasExited), Minute, () => demo.Output);
        var url = OpenLine().Match(demo.Output).Groups["url"].Value;
        var agent = Credentials().Matches(demo.Output).First(m => m.Groups["role"].Value == "agent");

        await using var browser = await Panel.PanelBrowser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(url);
        await page.GetByLabel("Email").FillAsync(agent.Groups["email"].Value);
        await page.GetByLabel("Password").FillAsync(agent.Groups["password"].Value);
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Available on all" }).ClickAsync();

        // An offer (or a call's task) arrives; accepted, it opens as a tab with the customer's words in its timeline.
        var offer = page.Locator("section.offer").First;
        var remaining = Minute - started.Elapsed;
        await Microsoft.Playwright.Assertions.Expect(offer).ToBeVisibleAsync(new() { Timeout = (float)Math.Max(1, remaining.TotalMilliseconds) });
        await offer.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Tabpanel).Locator(".entry-in").First).ToBeVisibleAsync();
        var elapsed = started.Elapsed;
        await Panel.PanelBrowser.ScreenshotAsync(page, "demo");
        Assert.True(elapsed < Minute, $"the first live task took {elapsed.TotalSeconds:F0} s from the command");
        TestContext.Current.TestOutputHelper?.WriteLine($"demo: command to a live task accepted in the panel: {elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task Demo_help_explains_the_verb_and_exits_without_starting_anything()
    {
        await using var help = WorkerProcess.Start(new Dictionary<string, string?>(), arguments: ["demo", "--help"]);
        Assert.Equal(0, await help.WaitForExitAsync(Minute));
        Assert.Contains("Usage: Connector.Worker demo [--data DIR] [--reset] [--urls URL]", help.Output, StringComparison.Ordinal);

        await using var wrong = WorkerProcess.Start(new Dictionary<string, string?>(), arguments: ["demo", "--colour"]);
        Assert.Equal(2, await wrong.WaitForExitAsync(Minute));
        Assert.Contains("unexpected or incomplete argument '--colour'", wrong.Output, StringComparison.Ordinal);
    }

    private static async Task SignInAsync(CookieSession browser, (string Email, string Password) person)
    {
        using var form = await browser.GetAsync("/signin", Ct);
        using var signedIn = await browser.PostFormAsync("/signin", await form.Content.ReadAsStringAsync(Ct), new Dictionary<string, string>
        {
            ["email"] = person.Email,
            ["password"] = person.Password,
        }, Ct);
        Assert.True(browser.Has("connector.session"), $"{person.Email} was not signed in: {(int)signedIn.StatusCode}");
    }

    [GeneratedRegex(@"^Open\s+(?<url>\S+)$", RegexOptions.Multiline)]
    private static partial Regex OpenLine();

    [GeneratedRegex(@"^\s+(?<role>agent|supervisor|admin)\s+(?<email>\S+@\S+)\s+(?<password>\S+)\s", RegexOptions.Multiline)]
    private static partial Regex Credentials();
}
