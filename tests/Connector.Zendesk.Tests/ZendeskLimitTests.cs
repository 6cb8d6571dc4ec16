using Connector.Core.Crm;
using Connector.Fakes.Crm.Zendesk;
using Connector.Zendesk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.Zendesk.Tests;

/// <summary>Zendesk's limits as the adapter meets them: the per-minute allowance it reports, and its 429s.</summary>
public sealed class ZendeskLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_allowance_Zendesk_reports_on_every_answer_is_kept_for_the_gauges()
    {
        await using var host = await ZendeskAdapterHost.StartAsync(Ct, fakeOptions: new FakeZendeskOptions { RequestsPerMinute = 400 });
        var metrics = host.Services.GetRequiredService<ZendeskMetrics>();

        await host.Adapter.Contacts.ResolveAsync(Query("Nobody", create: false, Email("nobody@example.com")), Ct);

        Assert.Equal((400L, 398L), metrics.LastRateLimit);
    }

    [Fact]
    public async Task A_plain_text_429_is_a_throttled_failure_carrying_Retry_After_and_is_not_resent_by_the_pipeline()
    {
        await using var host = await ZendeskAdapterHost.StartAsync(Ct);
        host.Fake.ThrottleNext(1);

        var refused = await Assert.ThrowsAsync<CrmRequestFailedException>(() =>
            host.Adapter.Contacts.ResolveAsync(Query("Nobody", create: false, Email("nobody@example.com")), Ct));

        Assert.True(refused.Throttled);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.RetryAfter);
        Assert.Contains("Number of allowed API requests per minute exceeded", refused.Message, StringComparison.Ordinal);
        Assert.Single(host.Fake.Requests);
    }

    [Fact]
    public async Task Past_the_per_minute_allowance_the_fake_refuses_until_the_minute_is_over()
    {
        await using var host = await ZendeskAdapterHost.StartAsync(Ct, fakeOptions: new FakeZendeskOptions { RequestsPerMinute = 3 });

        var refused = await Assert.ThrowsAsync<CrmRequestFailedException>(async () =>
        {
            for (var i = 0; i < 4; i++)
            {
                await host.Adapter.Contacts.ResolveAsync(Query("Nobody", create: false, Email($"nobody{i}@example.com")), Ct);
            }
        });

        Assert.True(refused.Throttled);
        Assert.InRange(refused.RetryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
    }
}
