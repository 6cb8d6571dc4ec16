using System.Net.Http.Json;
using Connector.Worker.Tests.Browser;
using Connector.Worker.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Connector.Worker.Tests.Panel;

/// <summary>
/// Chromium with one browser context per person (their own cookies, as two people on two machines), each signed in to
/// the panel with a local account through the real sign-in page.
/// </summary>
internal sealed class PanelBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private PanelBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Where the screenshots the closing note cites are kept: TestResults/panel beside the test assembly.</summary>
    public static string ArtifactsDirectory { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", "panel")).FullName;

    public static async Task<PanelBrowser> LaunchAsync()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        return new PanelBrowser(playwright, browser);
    }

    /// <summary>An agent (routing record and local account) with the given role, skills and the email they sign in with.</summary>
    public static async Task AddPersonAsync(WorkerProcess worker, string id, string role = "agent", IReadOnlyList<string>? supervises = null)
    {
        (await worker.Http.PutAsJsonAsync($"/api/agents/{id}", new
        {
            name = char.ToUpperInvariant(id[0]) + id[1..],
            email = $"{id}@example.com",
            capacityProfile = "standard",
            languages = new[] { "en" },
            supervises,
        }, Ct)).EnsureSuccessStatusCode();
        (await worker.Http.PostAsJsonAsync("/api/accounts", new { email = $"{id}@example.com", displayName = id, password = Password(id), role }, Ct))
            .EnsureSuccessStatusCode();
    }

    public static string Password(string id) => $"{id}'s long passphrase";

    /// <summary>A new context (a person's own browser) at <paramref name="url"/>, signed in as <paramref name="id"/> when the page asks.</summary>
    public async Task<IPage> OpenPanelAsync(Uri url, string id, int width = 1280, int height = 900, bool bypassCsp = false)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BypassCSP = bypassCsp,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        await page.GotoAsync(url.ToString());
        await SignInAsync(page.MainFrame, id);
        await Expect(page.Locator("html[data-ready='true']")).ToBeAttachedAsync();
        return page;
    }

    /// <summary>A page in a new context of its own.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        return page;
    }

    /// <summary>Fills the Worker's sign-in form in <paramref name="frame"/> (a page, or the panel's frame inside a CRM).</summary>
    public static async Task SignInAsync(IFrame frame, string id)
    {
        await frame.GetByLabel("Email").FillAsync($"{id}@example.com");
        await frame.GetByLabel("Password").FillAsync(Password(id));
        await frame.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDirectory, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        _ = Ct;
    }
}
