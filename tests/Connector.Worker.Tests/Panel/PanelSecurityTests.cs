using System.Net;
using Connector.Worker.Panel;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Panel;

/// <summary>Where the panel may be framed and what its page may load: the CSP built from Panel:HostOrigins.</summary>
public sealed class PanelSecurityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_panel_may_be_framed_and_load_scripts_only_from_the_configured_CRM_origins_and_never_runs_inline_script()
    {
        await using var worker = WorkerProcess.Start(new Dictionary<string, string?>
        {
            ["Panel__HostOrigins__0"] = "https://acme.lightning.force.com",
            ["Panel__HostOrigins__1"] = "https://acme.my.salesforce.com",
        });
        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));

        using var page = await worker.Http.GetAsync("/panel", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single().Split("; ").ToDictionary(d => d.Split(' ')[0], d => d);
        Assert.Equal("frame-ancestors 'self' https://acme.lightning.force.com https://acme.my.salesforce.com", policy["frame-ancestors"]);
        Assert.Equal("script-src 'self' https://acme.lightning.force.com https://acme.my.salesforce.com", policy["script-src"]);
        Assert.Equal("object-src 'none'", policy["object-src"]);
        Assert.DoesNotContain("unsafe", string.Join(' ', policy.Values), StringComparison.Ordinal);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\son[a-z]+\s*=", html); // no inline event handlers either

        using var script = await new HttpClient { BaseAddress = worker.BaseAddress }.GetAsync("/panel/app.js", Ct);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        using var compressed = new HttpClient { BaseAddress = worker.BaseAddress }; // no automatic decompression: see the encoding
        compressed.DefaultRequestHeaders.AcceptEncoding.ParseAdd("gzip");
        using var gzipped = await compressed.GetAsync("/panel/app.js", Ct);
        Assert.Equal("gzip", Assert.Single(gzipped.Content.Headers.ContentEncoding));
        Assert.True((await gzipped.Content.ReadAsByteArrayAsync(Ct)).Length < (await script.Content.ReadAsByteArrayAsync(Ct)).Length / 2);
        using var unknown = await worker.Http.GetAsync("/panel/nothing.js", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData("https://acme.lightning.force.com", true)]
    [InlineData("https://*.my.salesforce.com", true)]
    [InlineData("http://localhost:5173", true)]
    [InlineData("http://acme.lightning.force.com", false)]
    [InlineData("https://acme.lightning.force.com/lightning/page", false)]
    [InlineData("https://acme.lightning.force.com/", false)]
    [InlineData("acme.lightning.force.com", false)]
    [InlineData("https://acme.lightning.force.com 'unsafe-inline'", false)]
    public void A_host_origin_must_be_a_bare_https_origin(string origin, bool valid)
    {
        var result = new PanelOptionsValidator().Validate(null, new PanelOptions { HostOrigins = [origin] });
        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Panel:HostOrigins:0", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
