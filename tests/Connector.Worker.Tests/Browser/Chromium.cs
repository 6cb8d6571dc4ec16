using Microsoft.Playwright;

namespace Connector.Worker.Tests.Browser;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, installed by .ci/run), driven headless by Playwright. Playwright's own
/// browser download cannot work here and is never used; without Chromium the browser tests skip.
/// </summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assert.SkipUnless(File.Exists(ExecutablePath),
            $"{ExecutablePath} is absent: install Debian's chromium (apt-get install -y chromium; .ci/run does) to run the browser tests.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu"],
        });
        return (playwright, browser);
    }
}
