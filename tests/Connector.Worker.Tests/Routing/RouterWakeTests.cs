using Connector.Worker.Tests.Infrastructure;

namespace Connector.Worker.Tests.Routing;

/// <summary>
/// New work wakes the router: with its tick and change feed ten minutes apart, an offer can only come from the
/// signal intake sends when it commits the task (in-process on SQLite, NOTIFY between Workers on PostgreSQL).
/// </summary>
public sealed class RouterWakeTests
{
    private static readonly Dictionary<string, string?> Sleepy = new()
    {
        ["Router__TickInterval"] = "00:10:00",
        ["Router__FeedInterval"] = "00:10:00",
    };

    [Fact]
    public async Task A_message_is_offered_at_once_although_the_router_would_not_look_for_ten_minutes()
    {
        await using var worker = WorkerProcess.Start(Sleepy);
        await worker.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        await worker.AgentOnlineAsync("ann", "whatsapp");

        var task = await worker.WhatsAppArrivesAsync("+447700900841");

        Assert.Equal("ann", await worker.WaitForOfferAsync(task));
    }

    [Fact]
    public async Task A_message_taken_in_by_the_standby_worker_wakes_the_router_on_the_other()
    {
        var environment = new Dictionary<string, string?>(Sleepy) { ["ConnectionStrings__Connector"] = await TestPostgres.CreateDatabaseAsync() };
        await using var router = WorkerProcess.Start(environment);
        await router.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(() => Task.FromResult(router.Output.Contains("is now the router", StringComparison.Ordinal)), TimeSpan.FromSeconds(20), () => router.Output);
        await using var standby = WorkerProcess.Start(environment);
        await standby.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(() => Task.FromResult(standby.Output.Contains("stands by", StringComparison.Ordinal)), TimeSpan.FromSeconds(20), () => standby.Output);
        await standby.AgentOnlineAsync("ann", "whatsapp");

        var task = await standby.WhatsAppArrivesAsync("+447700900842");

        Assert.Equal("ann", await standby.WaitForOfferAsync(task));
    }
}
