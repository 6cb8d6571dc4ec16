using Connector.Fakes.Crm.HubSpot;
using Connector.HubSpot.Tests.Infrastructure;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.HubSpot.Tests;

/// <summary>The search endpoint's own, lower rate is kept by the adapter: searches wait their turn instead of drawing 429s.</summary>
public sealed class HubSpotSearchPacingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Searches_beyond_the_search_rate_wait_their_turn_and_none_is_refused()
    {
        await using var host = await HubSpotAdapterHost.StartAsync(Ct, s => s["Crm:HubSpot:SearchRequestsPerSecond"] = "2", new FakeHubSpotOptions { SearchRequestsPerSecond = 2 });

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => host.Adapter.Contacts.ResolveAsync(Query(null, create: false, Phone($"+44770090{i:D4}")), Ct)));

        var searches = host.Fake.Requests.Where(r => r.IsSearch).ToList();
        Assert.Equal(6, searches.Count);
        Assert.All(searches, s => Assert.Equal(200, s.StatusCode));
        Assert.Equal(0, host.Fake.RateLimitRefusals);
        // Six searches at two a second: the last went out at least two seconds after the first.
        Assert.True(searches[^1].ReceivedAt - searches[0].ReceivedAt >= TimeSpan.FromSeconds(2), $"{searches[^1].ReceivedAt - searches[0].ReceivedAt}");
    }
}
