using Connector.Core.Channels;
using Connector.Core.Crm;
using Connector.HubSpot.Tests.Infrastructure;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.HubSpot.Tests;

/// <summary>HubSpot's 429s by policy: the rolling window is waited out, the daily allocation is never hammered.</summary>
public sealed class HubSpotLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_TEN_SECONDLY_ROLLING_refusal_is_throttled_and_retried_after_the_window()
    {
        await using var host = await HubSpotAdapterHost.StartAsync(Ct);
        var contact = new CrmRecord("contacts", host.Fake.Seed("contacts", new Dictionary<string, string?> { ["lastname"] = "Clarke" }));
        host.Fake.ThrottleNext(1);

        var failure = await Assert.ThrowsAsync<CrmRequestFailedException>(() => host.Adapter.Activities.WriteActivityAsync(Activity(contact, Channel.Chat, "limit-1", null), Ct));

        Assert.True(failure.Throttled);
        Assert.True(failure.Transient);
        Assert.Equal("TEN_SECONDLY_ROLLING", failure.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(10), failure.RetryAfter);
        Assert.Contains("correlationId", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_DAILY_refusal_is_not_retried_and_says_why_so_the_work_is_dead_lettered()
    {
        await using var host = await HubSpotAdapterHost.StartAsync(Ct);
        var contact = new CrmRecord("contacts", host.Fake.Seed("contacts", new Dictionary<string, string?> { ["lastname"] = "Clarke" }));
        host.Fake.SetDailyUsage(host.Fake.Options.DailyLimit);
        var requestsBefore = host.Fake.Requests.Count;

        var failure = await Assert.ThrowsAsync<CrmRequestFailedException>(() => host.Adapter.Activities.WriteActivityAsync(Activity(contact, Channel.Chat, "limit-2", null), Ct));

        Assert.Equal("DAILY", failure.ErrorCode);
        Assert.False(failure.Transient);
        Assert.Contains("DAILY API limit", failure.Message, StringComparison.Ordinal);
        Assert.Single(host.Fake.Requests, r => r.StatusCode == 429);
        Assert.Equal(requestsBefore + 2, host.Fake.Requests.Count); // the token and the one refused call, nothing more
    }

    [Fact]
    public async Task A_validation_error_keeps_HubSpots_category_and_message()
    {
        await using var host = await HubSpotAdapterHost.StartAsync(Ct, settings => settings["Crm:HubSpot:TicketPipeline"] = "no-such-pipeline");
        var contact = new CrmRecord("contacts", host.Fake.Seed("contacts", new Dictionary<string, string?> { ["lastname"] = "Clarke" }));

        var failure = await Assert.ThrowsAsync<CrmRequestFailedException>(() => host.Adapter.Cases.UpsertCaseAsync(Case("limit-3", contact), Ct));

        Assert.Equal(400, failure.StatusCode);
        Assert.Equal("VALIDATION_ERROR", failure.ErrorCode);
        Assert.Contains("not a valid pipeline", failure.Message, StringComparison.Ordinal);
        Assert.False(failure.Transient);
    }
}
