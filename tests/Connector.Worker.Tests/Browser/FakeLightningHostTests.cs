using System.Text.Json;
using Microsoft.Playwright;

namespace Connector.Worker.Tests.Browser;

/// <summary>
/// The fake Lightning host itself, before any panel relies on it: a tiny softphone page on another site, framed by the
/// host, loads <c>opencti_min.js</c> from the host and calls Open CTI as the panel's Salesforce bridge does.
/// </summary>
public sealed class FakeLightningHostTests
{
    private const string Contact = "003000000000001AAA";
    private const string Task = "00T000000000001AAA";
    private const string Case = "500000000000001AAA";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_host_frames_the_softphone_with_its_origin_records_every_call_and_refuses_what_salesforce_refuses()
    {
        await using var run = await SoftphoneRun.StartAsync(Ct);

        var src = new Uri(run.Frame.Url);
        Assert.Equal(run.Softphone.Host, src.Host);
        Assert.Contains("view=softphone", src.Query, StringComparison.Ordinal); // the adapter URL's own query is kept
        Assert.Contains($"sfdcIframeOrigin={Uri.EscapeDataString(run.Host.Origin)}", src.Query, StringComparison.Ordinal);
        Assert.Contains("mode=Lightning", src.Query, StringComparison.Ordinal);
        Assert.Equal("microphone; autoplay", await run.Page.Locator(FakeLightningHost.SoftphoneFrame).GetAttributeAsync("allow"));

        var results = await run.Frame.EvaluateAsync<JsonElement>($$"""
            async () => {
              const o = sforce.opencti;
              const call = (method, args) => new Promise((resolve) => o[method]({ ...args, callback: resolve }));
              return {
                pop: await call("screenPop", { type: o.SCREENPOP_TYPE.SOBJECT, params: { recordId: "{{Contact}}" } }),
                unknownType: await call("screenPop", { type: "hologram", params: { recordId: "{{Contact}}" } }),
                noRecordId: await call("screenPop", { type: o.SCREENPOP_TYPE.SOBJECT, params: {} }),
                linked: await call("saveLog", { value: { Id: "{{Task}}", CallObject: "conversation-1" } }),
                created: await call("saveLog", { value: { entityApiName: "Task", Subject: "Call" } }),
                noValue: await call("saveLog", {}),
                neitherIdNorEntity: await call("saveLog", { value: { Subject: "Call" } }),
                refreshed: await call("refreshView", {}),
                shown: await call("setSoftphonePanelVisibility", { visible: true }),
                notBoolean: await call("setSoftphonePanelVisibility", { visible: "yes" }),
                visible: await call("isSoftphonePanelVisible", {}),
                page: await call("getAppViewInfo", {}),
                missingCallback: (() => {
                  try { o.isSoftphonePanelVisible({}); return "no error"; } catch (e) { return e.message; }
                })(),
              };
            }
            """);

        Assert.True(results.GetProperty("pop").GetProperty("success").GetBoolean());
        Assert.Equal(Task, results.GetProperty("linked").GetProperty("returnValue").GetProperty("recordId").GetString());
        Assert.StartsWith("00T", results.GetProperty("created").GetProperty("returnValue").GetProperty("recordId").GetString(), StringComparison.Ordinal);
        Assert.True(results.GetProperty("refreshed").GetProperty("success").GetBoolean());
        Assert.True(results.GetProperty("shown").GetProperty("success").GetBoolean());
        Assert.True(results.GetProperty("visible").GetProperty("returnValue").GetProperty("visible").GetBoolean());
        Assert.Equal((Contact, "Contact"), // the pop moved the host to the record
            (results.GetProperty("page").GetProperty("returnValue").GetProperty("recordId").GetString(), results.GetProperty("page").GetProperty("returnValue").GetProperty("objectType").GetString()));
        foreach (var (name, error) in new[]
        {
            ("unknownType", "Invalid screenPop type: hologram"),
            ("noRecordId", "params.recordId is required for screenPop type sobject"),
            ("noValue", "value is required"),
            ("neitherIdNorEntity", "value must have Id (to update a record) or entityApiName (to create one)"),
            ("notBoolean", "visible must be true or false"),
        })
        {
            var result = results.GetProperty(name);
            Assert.False(result.GetProperty("success").GetBoolean(), name);
            Assert.Equal([error], result.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        }

        Assert.Equal("sforce.opencti.isSoftphonePanelVisible: callback is required", results.GetProperty("missingCallback").GetString());
        await run.Page.WaitForFunctionAsync("() => window.openCtiCalls.length === 13");
        var calls = await FakeLightningHost.CallsAsync(run.Page);
        Assert.Equal(
        [
            ("screenPop", true), ("screenPop", false), ("screenPop", false), ("saveLog", true), ("saveLog", true), ("saveLog", false),
            ("saveLog", false), ("refreshView", true), ("setSoftphonePanelVisibility", true), ("setSoftphonePanelVisibility", false),
            ("isSoftphonePanelVisible", true), ("getAppViewInfo", true), ("isSoftphonePanelVisible", false),
        ], calls.Select(c => (c.Method, c.Success)));
        Assert.Equal($$$"""{"type":"sobject","params":{"recordId":"{{{Contact}}}"}}""", calls[0].Args.GetRawText());
        Assert.Equal($$$"""{"value":{"Id":"{{{Task}}}","CallObject":"conversation-1"}}""", calls[3].Args.GetRawText());
        Assert.Equal(["callback is required"], calls[^1].Errors);
        Assert.Empty(run.BrowserErrors);
    }

    [Fact]
    public async Task Click_to_dial_reaches_the_softphone_only_while_enabled_and_navigation_always_reaches_its_listener()
    {
        await using var run = await SoftphoneRun.StartAsync(Ct);
        await run.Frame.EvaluateAsync("""
            () => {
              window.dialed = [];
              window.pages = [];
              sforce.opencti.onClickToDial({ listener: (payload) => window.dialed.push(payload) });
              sforce.opencti.onNavigationChange({ listener: (payload) => window.pages.push(payload) });
            }
            """);
        await run.Page.WaitForFunctionAsync("() => window.openCtiState.listeners.clickToDial && window.openCtiState.listeners.navigationChange");

        var beforeEnabled = await FakeLightningHost.ClickToDialAsync(run.Page, "+44 20 7946 0000", Contact, "Contact");
        var enabled = await CallAsync(run.Frame, "enableClickToDial");
        var whileEnabled = await FakeLightningHost.ClickToDialAsync(run.Page, "+44 20 7946 0001", Contact, "Contact");
        await run.Frame.WaitForFunctionAsync("() => window.dialed.length === 1");
        await CallAsync(run.Frame, "disableClickToDial");
        var afterDisabled = await FakeLightningHost.ClickToDialAsync(run.Page, "+44 20 7946 0002", Contact, "Contact");

        Assert.False(beforeEnabled);
        Assert.True(enabled.GetProperty("success").GetBoolean());
        Assert.True(whileEnabled);
        Assert.False(afterDisabled);
        var dialed = await run.Frame.EvaluateAsync<string>("() => JSON.stringify(window.dialed)");
        Assert.Equal($$"""[{"number":"+44 20 7946 0001","recordId":"{{Contact}}","recordName":"Contact {{Contact}}","objectType":"Contact"}]""", dialed);

        Assert.True(await FakeLightningHost.NavigateAsync(run.Page, Case, "Case"));
        Assert.True(await FakeLightningHost.NavigateAsync(run.Page, null));
        await run.Frame.WaitForFunctionAsync("() => window.pages.length === 2");
        var pages = await run.Frame.EvaluateAsync<JsonElement>("() => window.pages");
        Assert.Equal((Case, "Case"), (pages[0].GetProperty("recordId").GetString(), pages[0].GetProperty("objectType").GetString()));
        Assert.Equal(JsonValueKind.Null, pages[1].GetProperty("recordId").ValueKind); // a page that is not a record

        await run.Frame.EvaluateAsync("() => sforce.opencti.notifyInitializationComplete()");
        await run.Page.WaitForFunctionAsync("() => window.openCtiState.initialized");
        var missingListener = await run.Frame.EvaluateAsync<string>("() => { try { sforce.opencti.onClickToDial({}); return 'no error'; } catch (e) { return e.message; } }");
        Assert.Equal("sforce.opencti.onClickToDial: listener is required", missingListener);
        Assert.Empty(run.BrowserErrors);
    }

    private static Task<JsonElement> CallAsync(IFrame frame, string method) =>
        frame.EvaluateAsync<JsonElement>("(method) => new Promise((resolve) => sforce.opencti[method]({ callback: resolve }))", method);

    /// <summary>A browser on the host page whose softphone frame is a tiny page (not the panel) that only loads Open CTI.</summary>
    private sealed class SoftphoneRun : IAsyncDisposable
    {
        private IPlaywright _playwright = null!;
        private IBrowser _browser = null!;
        private Website _site = null!;

        public FakeLightningHost Host { get; private set; } = null!;

        /// <summary>The softphone page's address: <c>127.0.0.1</c>, another site than the host's <c>localhost</c>, as the Worker is.</summary>
        public Uri Softphone { get; private set; } = null!;

        public IPage Page { get; private set; } = null!;

        public IFrame Frame { get; private set; } = null!;

        public List<string> BrowserErrors { get; } = [];

        public static async Task<SoftphoneRun> StartAsync(CancellationToken ct)
        {
            var run = new SoftphoneRun();
            (run._playwright, run._browser) = await Chromium.LaunchAsync();
            run.Host = await FakeLightningHost.StartAsync(ct);
            run._site = await Website.StartAsync(
                $"""<!doctype html><html><head><link rel="icon" href="data:,"><script src="{run.Host.Origin}{FakeLightningHost.OpenCtiPath}"></script></head><body><p>softphone</p></body></html>""", ct);
            run.Softphone = new Uri($"http://127.0.0.1:{run._site.Address.Port}/?view=softphone");
            run.Page = await run._browser.NewPageAsync();
            run.Page.Console += (_, message) => { if (message.Type == "error") { run.BrowserErrors.Add(message.Text); } };
            run.Page.PageError += (_, error) => run.BrowserErrors.Add(error);
            await run.Page.GotoAsync(run.Host.HostPageUrl(run.Softphone).AbsoluteUri);
            var frame = await run.Page.Locator(FakeLightningHost.SoftphoneFrame).ElementHandleAsync();
            run.Frame = (await frame.ContentFrameAsync())!;
            await run.Frame.WaitForFunctionAsync("() => window.sforce?.opencti !== undefined");
            return run;
        }

        public async ValueTask DisposeAsync()
        {
            await _browser.DisposeAsync();
            _playwright.Dispose();
            await _site.DisposeAsync();
            await Host.DisposeAsync();
        }
    }
}
