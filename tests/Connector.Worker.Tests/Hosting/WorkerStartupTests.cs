using System.Net;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Hosting;

/// <summary>The Worker as an operator meets it: start-up with nothing configured, and with configuration errors.</summary>
public sealed class WorkerStartupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_nothing_configured_it_starts_on_port_5080_with_sqlite_health_hangfire_and_a_404_for_an_unknown_customer()
    {
        await using var worker = WorkerProcess.Start(new Dictionary<string, string?>(), urls: "default");

        var took = await worker.WaitForAsync("/health", TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, (await worker.Http.GetAsync("/hangfire", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await worker.Http.GetAsync("/health/ready", Ct)).StatusCode);
        var unknown = await worker.Http.GetAsync("/api/customers?identity=phone:+447700900123", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.True(File.Exists(Path.Combine(worker.WorkingDirectory, "data", "connector.db")), "the embedded store lives under ./data");
        Assert.True(took < TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("Crm__Provider", "Salesfroce", "Crm:Provider", "Allowed values: None, Salesforce, HubSpot.")]
    [InlineData("Identity__DefaultRegion", "XQ", "Identity:DefaultRegion", "GB")]
    [InlineData("Conversations__ContinuityWindow", "three days", "Conversations:ContinuityWindow", "3.00:00:00")]
    [InlineData("ConnectionStrings__Connector", "Port=notanumber", "ConnectionStrings:Connector", "Host=")]
    [InlineData("Router__TickInterval", "fast", "Router:TickInterval", "d.hh:mm:ss")]
    [InlineData("Voice__InvitationTimeoutSeconds", "many", "Voice:InvitationTimeoutSeconds", "a whole number")]
    [InlineData("Outbox__Lease", "-00:01:00", "Outbox:Lease", "positive")]
    [InlineData("Crm__Sync__BatchSize", "0", "Crm:Sync:BatchSize", "between 1 and 100")]
    [InlineData("Charter__Path", "no-such-charter.yaml", "Charter:Path", "charter.sample.yaml")]
    [InlineData("Api__TrustedProxies__0", "the-proxy", "Api:TrustedProxies:0", "10.0.0.0/8")]
    public async Task A_configuration_error_stops_start_up_naming_the_key_and_what_is_allowed(string variable, string value, string key, string allowed)
    {
        await using var worker = WorkerProcess.Start(new Dictionary<string, string?> { [variable] = value });

        var exitCode = await worker.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(key, worker.Output, StringComparison.Ordinal);
        Assert.Contains(allowed, worker.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", worker.Output, StringComparison.Ordinal);
    }
}
