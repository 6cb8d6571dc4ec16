using System.Text.Json.Nodes;
using Connector.Core.Channels;
using Connector.Core.Crm;
using Connector.Fakes.Crm.Salesforce;
using Connector.Salesforce.Tests.Infrastructure;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.Salesforce.Tests;

/// <summary>Sessions, outages and limits: what the adapter absorbs itself and what it hands to the job.</summary>
public sealed class SalesforceResilienceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Callers_that_meet_an_expired_session_together_share_one_sign_in()
    {
        await using var host = await SalesforceAdapterHost.StartAsync(Ct);
        var contact = new CrmRecord("Contact", host.Fake.Seed("Contact", new JsonObject { ["LastName"] = "Clarke" }));
        await host.Adapter.Contacts.ResolveAsync(Query(null, false, Email("a@example.com")), Ct);
        host.Fake.ExpireSessions();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            host.Adapter.Activities.WriteActivityAsync(Activity(contact, Channel.Chat, $"par-{i}", null), Ct)));

        Assert.Equal(8, host.Fake.Records("Task").Count);
        Assert.InRange(host.Fake.TokenRequestCount, 2, 3); // the first sign-in, then one (rarely two, if a refresh raced a 401 in flight)
    }

    [Fact]
    public async Task A_503_from_Salesforce_is_retried_by_the_client_and_written_once()
    {
        await using var host = await SalesforceAdapterHost.StartAsync(Ct);
        var contact = new CrmRecord("Contact", host.Fake.Seed("Contact", new JsonObject { ["LastName"] = "Clarke" }));
        host.Fake.FailNext(1, FakeSalesforceResponse.Error(503, "SERVER_UNAVAILABLE", "Server temporarily unavailable"), "/composite");

        await host.Adapter.Interactions.WriteInteractionAsync(Interaction("conv-503", contact, null), Ct);

        Assert.Equal(2, host.Fake.CountRequests(FakeSalesforceRequestKind.Composite));
        Assert.Single(host.Fake.Records("Task"));
        Assert.Equal(2, host.Fake.Records("ContentVersion").Count);
    }

    [Fact]
    public async Task The_concurrency_limit_asks_for_a_shorter_back_off_than_the_daily_allocation()
    {
        await using var host = await SalesforceAdapterHost.StartAsync(Ct);
        host.Fake.ThrottleNext(1, concurrencyLimit: true);
        host.Fake.ThrottleNext(1);

        var concurrent = await Assert.ThrowsAsync<CrmRequestFailedException>(() => host.Adapter.Contacts.ResolveAsync(Query(null, false, Email("a@example.com")), Ct));
        var daily = await Assert.ThrowsAsync<CrmRequestFailedException>(() => host.Adapter.Contacts.ResolveAsync(Query(null, false, Email("a@example.com")), Ct));

        Assert.True(concurrent.Throttled && daily.Throttled);
        Assert.True(concurrent.RetryAfter < daily.RetryAfter);
    }

    [Fact]
    public async Task The_org_running_out_of_its_daily_allocation_stops_writes_without_losing_them()
    {
        await using var host = await SalesforceAdapterHost.StartAsync(Ct, fakeOptions: new FakeSalesforceOptions { DailyApiLimit = 3 });
        var contact = new CrmRecord("Contact", host.Fake.Seed("Contact", new JsonObject { ["LastName"] = "Clarke" }));
        var interactions = Enumerable.Range(0, 12).Select(i => Interaction($"limit-{i}", contact, null)).ToList();
        host.Fake.SetApiUsage(2);

        var outcomes = await host.Adapter.Interactions.WriteInteractionsAsync(interactions, Ct);

        var written = outcomes.Where(o => o.IsSuccess).ToList();
        var waiting = outcomes.Where(o => !o.IsSuccess).ToList();
        Assert.NotEmpty(written);
        Assert.NotEmpty(waiting);
        Assert.All(waiting, o => Assert.True(o.Failure!.Throttled));
        Assert.Equal(written.Count, host.Fake.Records("Task").Count);
    }
}
