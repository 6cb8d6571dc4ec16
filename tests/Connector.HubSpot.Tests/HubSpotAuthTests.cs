using Connector.Core.Channels;
using Connector.Core.Crm;
using Connector.Fakes.Crm.HubSpot;
using Connector.HubSpot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.HubSpot.Tests;

/// <summary>OAuth tokens are refreshed ahead of their expires_in (no 401 needed); a private app's token is sent as it is.</summary>
public sealed class HubSpotAuthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_OAuth_token_is_refreshed_ahead_of_its_expiry_without_waiting_for_a_401()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await HubSpotAdapterHost.StartAsync(Ct, fakeOptions: new FakeHubSpotOptions { Clock = clock }, services: s => s.AddSingleton<TimeProvider>(clock));
        var contact = new CrmRecord("contacts", host.Fake.Seed("contacts", new Dictionary<string, string?> { ["lastname"] = "Clarke" }));

        await host.Adapter.Activities.WriteActivityAsync(Activity(contact, Channel.Chat, "auth-1", null), Ct);
        clock.Advance(TimeSpan.FromMinutes(24)); // 6 minutes left of 30: still used
        await host.Adapter.Activities.WriteActivityAsync(Activity(contact, Channel.Chat, "auth-2", null), Ct);
        var tokensBefore = host.Fake.TokenRequestCount;
        clock.Advance(TimeSpan.FromMinutes(2)); // 4 minutes left: inside RefreshAhead (5 minutes)
        await host.Adapter.Activities.WriteActivityAsync(Activity(contact, Channel.Chat, "auth-3", null), Ct);

        Assert.Equal(1, tokensBefore);
        Assert.Equal(2, host.Fake.TokenRequestCount);
        Assert.DoesNotContain(host.Fake.Requests, r => r.StatusCode == 401);
        Assert.Equal(3, host.Fake.Records("notes").Count);
    }

    [Fact]
    public async Task A_private_app_token_is_sent_as_it_is_and_no_token_is_ever_requested()
    {
        await using var host = await HubSpotAdapterHost.StartAsync(Ct, settings =>
        {
            settings.Remove("Crm:HubSpot:ClientId");
            settings.Remove("Crm:HubSpot:ClientSecret");
            settings.Remove("Crm:HubSpot:RefreshToken");
            settings["Crm:HubSpot:AccessToken"] = new FakeHubSpotOptions().PrivateAppToken;
        });
        var contact = new CrmRecord("contacts", host.Fake.Seed("contacts", new Dictionary<string, string?> { ["lastname"] = "Clarke" }));

        await host.Adapter.Activities.WriteActivityAsync(Activity(contact, Channel.WhatsApp, "pat-1", null), Ct);

        Assert.Equal(0, host.Fake.TokenRequestCount);
        Assert.Single(host.Fake.Records("communications"));
    }

    [Fact]
    public async Task A_refused_refresh_token_is_a_permanent_failure_in_HubSpots_words()
    {
        await using var host = await HubSpotAdapterHost.StartAsync(Ct, settings => settings["Crm:HubSpot:RefreshToken"] = "revoked");

        var failure = await Assert.ThrowsAsync<CrmRequestFailedException>(() => host.Adapter.Contacts.ResolveAsync(Query(null, create: false, Email("a@example.com")), Ct));

        Assert.Equal("BAD_REFRESH_TOKEN", failure.ErrorCode);
        Assert.False(failure.Transient);
        Assert.DoesNotContain("revoked", failure.Message, StringComparison.Ordinal);
    }
}
