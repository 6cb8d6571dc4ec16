using Connector.Core.Channels;
using Connector.Core.Crm;
using Connector.HubSpot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.HubSpot.Tests;

/// <summary>HubSpot's own usage figures (the X-HubSpot-RateLimit-* headers) reach the metrics, and the pacer adopts its window.</summary>
public sealed class HubSpotMetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_daily_allocation_left_and_the_rolling_window_are_read_from_HubSpots_headers()
    {
        await using var host = await HubSpotAdapterHost.StartAsync(Ct, fakeOptions: new() { DailyLimit = 1_000, RequestsPerInterval = 150, RateLimitInterval = TimeSpan.FromSeconds(3) });
        var contact = new CrmRecord("contacts", host.Fake.Seed("contacts", new Dictionary<string, string?> { ["lastname"] = "Clarke" }));
        host.Fake.SetDailyUsage(400);

        await host.Adapter.Activities.WriteActivityAsync(Activity(contact, Channel.Chat, "metrics-1", null), Ct);

        var metrics = host.Services.GetRequiredService<HubSpotMetrics>();
        Assert.Equal((1_000 - 400 - host.Fake.ApiRequestCount, 1_000), metrics.LastDaily);
        Assert.Equal((150, TimeSpan.FromSeconds(3)), host.Services.GetRequiredService<HubSpotPacer>().ApiWindow);
    }
}
