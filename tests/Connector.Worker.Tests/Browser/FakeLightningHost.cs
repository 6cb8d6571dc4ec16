using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Connector.Worker.Tests.Browser;

/// <summary>
/// Salesforce Lightning as the agent panel sees it, on loopback: a record page that frames the panel as the softphone
/// (the call center's adapter URL with <c>?sfdcIframeOrigin={Origin}&amp;mode=Lightning</c>), and a stand-in for
/// <c>/support/api/66.0/lightning/opencti_min.js</c> with the documented <c>sforce.opencti</c> surface. The page records
/// every Open CTI call (<see cref="CallsAsync"/>), refuses what Salesforce refuses, and lets a test click a number
/// (<see cref="ClickToDialAsync"/>) or move to a record (<see cref="NavigateAsync"/>). Its scripts:
/// <c>Browser/Lightning/</c>. The host is reached as <c>localhost</c>, another site than a Worker's <c>127.0.0.1</c>,
/// as Salesforce is another site than the Worker.
/// </summary>
internal sealed class FakeLightningHost : IAsyncDisposable
{
    /// <summary>The softphone's iframe on the host page, for <c>page.FrameLocator</c>.</summary>
    public const string SoftphoneFrame = "#softphone-frame";

    public const string OpenCtiPath = "/support/api/66.0/lightning/opencti_min.js";

    private readonly WebApplication _app;

    private FakeLightningHost(WebApplication app, string origin)
    {
        _app = app;
        Origin = origin;
    }

    /// <summary><c>http://localhost:{port}</c>: the Lightning origin, for <c>Panel:HostOrigins</c> and <c>sfdcIframeOrigin</c>.</summary>
    public string Origin { get; }

    public static async Task<FakeLightningHost> StartAsync(CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var page = Resource("host.html");
        var hostScript = Resource("host.js");
        var openCti = Resource("opencti_min.js");
        app.MapGet("/lightning/page/home", () => Results.Content(page, "text/html; charset=utf-8"));
        app.MapGet("/lightning/host.js", () => Results.Content(hostScript, "text/javascript; charset=utf-8"));
        app.MapGet(OpenCtiPath, () => Results.Content(openCti, "text/javascript; charset=utf-8"));
        await app.StartAsync(ct);
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return new FakeLightningHost(app, $"http://localhost:{bound.Port}");
    }

    /// <summary>The host page framing <paramref name="panelUrl"/> as its Open CTI softphone.</summary>
    public Uri HostPageUrl(Uri panelUrl)
    {
        ArgumentNullException.ThrowIfNull(panelUrl);
        return new Uri($"{Origin}/lightning/page/home?panel={Uri.EscapeDataString(panelUrl.AbsoluteUri)}");
    }

    /// <summary>Every Open CTI call the host page received, in order.</summary>
    public static async Task<IReadOnlyList<OpenCtiCall>> CallsAsync(IPage hostPage)
    {
        ArgumentNullException.ThrowIfNull(hostPage);
        // Serialized by the page: Playwright's own JSON marks shared objects with $id, which the args should not carry.
        using var calls = JsonDocument.Parse(await hostPage.EvaluateAsync<string>("() => JSON.stringify(window.openCtiCalls)"));
        return calls.RootElement.EnumerateArray().Select(c => new OpenCtiCall(
            c.GetProperty("method").GetString()!,
            c.GetProperty("args").Clone(),
            c.GetProperty("success").GetBoolean(),
            c.GetProperty("errors") is { ValueKind: JsonValueKind.Array } errors ? errors.EnumerateArray().Select(e => e.GetString()!).ToList() : [])).ToList();
    }

    /// <summary>The user clicks <paramref name="number"/> on a record; false when the panel has not enabled click-to-dial (nothing is sent).</summary>
    public static Task<bool> ClickToDialAsync(IPage hostPage, string number, string? recordId = null, string? objectType = null)
    {
        ArgumentNullException.ThrowIfNull(hostPage);
        return hostPage.EvaluateAsync<bool>("([n, id, type]) => window.clickToDial(n, id, type)", new object?[] { number, recordId, objectType });
    }

    /// <summary>The user opens a record (null: a page that is not one); false when the panel does not listen.</summary>
    public static Task<bool> NavigateAsync(IPage hostPage, string? recordId, string? objectType = null)
    {
        ArgumentNullException.ThrowIfNull(hostPage);
        return hostPage.EvaluateAsync<bool>("([id, type]) => window.navigate(id, type)", new object?[] { recordId, objectType });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string Resource(string name)
    {
        using var stream = typeof(FakeLightningHost).Assembly.GetManifestResourceStream($"lightning/{name}")
            ?? throw new InvalidOperationException($"lightning/{name} is not embedded: see the test project's EmbeddedResource items.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>One Open CTI call as the host page answered it: the arguments without callbacks, and Salesforce's verdict.</summary>
internal sealed record OpenCtiCall(string Method, JsonElement Args, bool Success, IReadOnlyList<string> Errors);
