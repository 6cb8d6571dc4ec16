using System.Text.Json;
using Connector.Worker.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Connector.Worker.Tests.Panel;

/// <summary>axe-core (the npm package the panel's build installs) run on the page as it stands: no serious or critical violation.</summary>
internal static class PanelAxe
{
    private static readonly string Script = Path.Combine(RepositoryPaths.Root, "Connector.Worker", "Panel", "node_modules", "axe-core", "axe.min.js");

    /// <param name="page">Opened with <c>bypassCsp</c>: the panel's CSP would refuse the injected script.</param>
    public static async Task AuditAsync(IPage page, ITestOutputHelper output, string view)
    {
        await page.AddScriptTagAsync(new() { Path = Script });
        var result = await page.EvaluateAsync<JsonElement>("async () => await axe.run(document, { resultTypes: ['violations'] })");
        var violations = result.GetProperty("violations").EnumerateArray().ToList();
        foreach (var v in violations)
        {
            output.WriteLine($"{view}: {v.GetProperty("impact").GetString()} {v.GetProperty("id").GetString()}: {v.GetProperty("help").GetString()}");
        }

        var serious = violations.Where(v => v.GetProperty("impact").GetString() is "serious" or "critical").Select(v => v.ToString()).ToList();
        Assert.True(serious.Count == 0, $"{view}: {string.Join("\n", serious)}");
    }
}
