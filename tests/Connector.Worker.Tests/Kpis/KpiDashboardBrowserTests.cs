using Connector.Worker.Tests.Api;
using Connector.Worker.Tests.Infrastructure;
using Connector.Worker.Tests.Panel;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Connector.Worker.Tests.Kpis;

/// <summary>
/// The KPI dashboard in Chromium: a supervisor signs in through the real sign-in page and sees the simulated day's
/// figures in the table and four uPlot charts; the screenshot is kept (TestResults/panel/kpi-dashboard.png beside the
/// test assembly) and attached to the test's result. An agent is refused the page.
/// </summary>
public sealed class KpiDashboardBrowserTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_supervisor_sees_the_days_kpis_per_channel_in_a_table_and_charts_and_an_agent_is_refused()
    {
        await using var store = await StoreUnderTest.SqliteAsync();
        var day = await SimulatedDay.WriteAsync(store);
        await using var worker = await PanelWorld.StartAsync("", new Dictionary<string, string?>(store.WorkerSettings));
        await PanelBrowser.AddPersonAsync(worker, "sue", role: "supervisor", supervises: ["support"]);
        await PanelBrowser.AddPersonAsync(worker, "ann");
        await using var browser = await PanelBrowser.LaunchAsync();
        var url = new Uri(worker.BaseAddress, $"/dashboard?from={SimulatedDay.Start:yyyy-MM-dd}&to={SimulatedDay.Start.AddDays(1):yyyy-MM-dd}&bucket=hour&repeatDays=3");

        var page = await browser.NewPageAsync();
        await page.GotoAsync(url.ToString());
        await PanelBrowser.SignInAsync(page.MainFrame, "sue");
        await Expect(page.Locator("body[data-loaded='true']")).ToBeAttachedAsync();

        var rows = page.Locator("#kpi-table tbody tr");
        await Expect(rows).ToHaveCountAsync(4);
        var voiceOffered = day.Contacts.Count(c => c.Channel == Connector.Core.Channels.Channel.Voice);
        await Expect(rows.Nth(0)).ToContainTextAsync("voice");
        await Expect(rows.Nth(0).Locator("td").Nth(0)).ToHaveTextAsync(voiceOffered.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Four charts, each drawn by uPlot on a canvas with a legend of the four channels.
        await Expect(page.Locator(".kpi-chart canvas")).ToHaveCountAsync(4);
        await Expect(page.Locator(".kpi-chart").First.Locator(".u-legend .u-series")).ToHaveCountAsync(5);
        // Each chart fits its card: nothing of the plot is cut off at the card's edge.
        foreach (var chart in await page.Locator(".kpi-chart").AllAsync())
        {
            var card = await chart.BoundingBoxAsync();
            var plot = await chart.Locator(".u-wrap").BoundingBoxAsync();
            Assert.True(plot!.X + plot.Width <= card!.X + card.Width, $"a chart {plot.Width} px wide overflows its {card.Width} px card");
        }

        Assert.StartsWith("/api/kpis?", await page.Locator("#kpi-csv").GetAttributeAsync("href"), StringComparison.Ordinal);

        var screenshot = Path.Combine(PanelBrowser.ArtifactsDirectory, "kpi-dashboard.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        TestContext.Current.AddAttachment("kpi-dashboard.png", await File.ReadAllBytesAsync(screenshot, Ct), "image/png");

        var agent = await browser.NewPageAsync();
        await agent.GotoAsync(url.ToString());
        await PanelBrowser.SignInAsync(agent.MainFrame, "ann");
        await Expect(agent.Locator("#kpi-table")).Not.ToBeAttachedAsync();
        Assert.Equal(403, (await agent.ReloadAsync())?.Status);
    }
}
