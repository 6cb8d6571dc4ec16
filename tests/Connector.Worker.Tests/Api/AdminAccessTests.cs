using System.Net;
using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Api;

public sealed class AdminAccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_an_admin_key_configured_the_api_and_dashboard_refuse_callers_without_it()
    {
        await using var worker = WorkerProcess.Start(new Dictionary<string, string?> { ["Api__AdminKey"] = "s3cret-admin-key" });
        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));

        var without = await worker.Http.GetAsync("/api/customers?identity=email:a@example.com", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Contains("X-Api-Key", await without.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/customers?identity=email:a@example.com") { Headers = { { "X-Api-Key", "guess" } } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await worker.Http.SendAsync(wrong, Ct)).StatusCode);

        using var right = new HttpRequestMessage(HttpMethod.Get, "/api/customers?identity=email:a@example.com") { Headers = { { "X-Api-Key", "s3cret-admin-key" } } };
        Assert.Equal(HttpStatusCode.NotFound, (await worker.Http.SendAsync(right, Ct)).StatusCode);

        Assert.NotEqual(HttpStatusCode.OK, (await worker.Http.GetAsync("/hangfire", Ct)).StatusCode);
        using var dashboard = new HttpRequestMessage(HttpMethod.Get, "/hangfire") { Headers = { { "X-Api-Key", "s3cret-admin-key" } } };
        Assert.Equal(HttpStatusCode.OK, (await worker.Http.SendAsync(dashboard, Ct)).StatusCode);

        Assert.DoesNotContain("s3cret-admin-key", worker.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await worker.Http.GetAsync("/health", Ct)).StatusCode);
    }
}
