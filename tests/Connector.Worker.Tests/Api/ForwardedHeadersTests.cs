using System.Net;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Api;

/// <summary>
/// Nobody is trusted for being "local": with nothing configured an anonymous loopback caller is refused, and with the
/// development loopback admin on, <c>X-Forwarded-For</c> (standard switch on) is believed only from trusted proxies.
/// The Worker runs in-process so that a caller can come from another address (tests send traffic to loopback only).
/// </summary>
[Collection(InProcessWorkers.Name)]
public sealed class ForwardedHeadersTests
{
    private static readonly IPAddress Stranger = IPAddress.Parse("203.0.113.9");

    [Theory]
    [InlineData("/api/tasks")]
    [InlineData("/hangfire")]
    public async Task With_nothing_configured_an_anonymous_caller_on_loopback_is_refused(string path)
    {
        await using var worker = new InProcessWorker(new() { ["FORWARDEDHEADERS_ENABLED"] = "true" });

        Assert.Equal(401, await worker.GetAsync(path, IPAddress.Loopback));
        Assert.Equal(401, await worker.GetAsync(path, Stranger, forwardedFor: "127.0.0.1"));
    }

    [Theory]
    [InlineData("/api/tasks")]
    [InlineData("/hangfire")]
    public async Task A_remote_caller_claiming_to_be_loopback_with_X_Forwarded_For_is_refused_by_the_development_loopback_admin(string path)
    {
        await using var worker = new InProcessWorker(new() { ["FORWARDEDHEADERS_ENABLED"] = "true", ["Api:DevelopmentLoopbackAdmin"] = "true" });

        var claimed = await worker.GetAsync(path, Stranger, forwardedFor: "127.0.0.1");
        var local = await worker.GetAsync(path, IPAddress.Loopback);

        Assert.Equal(401, claimed);
        Assert.Equal(200, local);
    }

    [Fact]
    public async Task A_remote_client_behind_a_loopback_proxy_is_refused_as_the_remote_client_it_is()
    {
        await using var worker = new InProcessWorker(new() { ["FORWARDEDHEADERS_ENABLED"] = "true", ["Api:DevelopmentLoopbackAdmin"] = "true" });

        Assert.Equal(401, await worker.GetAsync("/api/tasks", IPAddress.Loopback, forwardedFor: "198.51.100.7"));
    }

    [Fact]
    public async Task A_configured_proxy_is_believed_and_only_that_one()
    {
        await using var worker = new InProcessWorker(new()
        {
            ["FORWARDEDHEADERS_ENABLED"] = "true",
            ["Api:DevelopmentLoopbackAdmin"] = "true",
            ["Api:TrustedProxies:0"] = "203.0.113.0/24",
        });

        Assert.Equal(200, await worker.GetAsync("/api/tasks", Stranger, forwardedFor: "127.0.0.1"));
        Assert.Equal(401, await worker.GetAsync("/api/tasks", IPAddress.Parse("198.51.100.8"), forwardedFor: "127.0.0.1"));
    }
}
