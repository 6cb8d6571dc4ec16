using System.Text;
using Connector.Core.Crm;
using Connector.Zendesk.Tests.Infrastructure;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.Zendesk.Tests;

/// <summary>API-token basic auth and OAuth bearer tokens, as Zendesk takes them.</summary>
public sealed class ZendeskAuthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_API_token_is_sent_as_email_slash_token_basic_credentials_and_never_exchanged()
    {
        await using var host = await ZendeskAdapterHost.StartAsync(Ct);

        var resolution = await host.Adapter.Contacts.ResolveAsync(Query("Nobody", create: false, Email("nobody@example.com")), Ct);

        Assert.Equal(CrmContactResolutionKind.NotFound, resolution.Kind);
        Assert.All(host.Fake.Requests, r => Assert.Equal(200, r.StatusCode));
        Assert.Equal(0, host.Fake.TokenRequestCount);
    }

    [Fact]
    public async Task A_wrong_API_token_is_refused_once_and_not_retried_as_if_it_were_stale()
    {
        await using var host = await ZendeskAdapterHost.StartAsync(Ct, s => s["Crm:Zendesk:ApiToken"] = "not-the-token");

        var refused = await Assert.ThrowsAsync<CrmRequestFailedException>(() =>
            host.Adapter.Contacts.ResolveAsync(Query("Nobody", create: false, Email("nobody@example.com")), Ct));

        Assert.Equal(401, refused.StatusCode);
        Assert.False(refused.Transient);
        Assert.Contains("Couldn't authenticate you", refused.Message, StringComparison.Ordinal);
        Assert.Single(host.Fake.Requests);
    }

    [Fact]
    public async Task An_OAuth_access_token_is_obtained_once_and_reused()
    {
        await using var host = await ZendeskAdapterHost.StartAsync(Ct, oauth: true);

        for (var i = 0; i < 3; i++)
        {
            await host.Adapter.Contacts.ResolveAsync(Query("Nobody", create: false, Email("nobody@example.com")), Ct);
        }

        Assert.Equal(1, host.Fake.TokenRequestCount);
        var exchange = Encoding.UTF8.GetString(host.Fake.Requests.Single(r => r.IsTokenRequest).Body);
        Assert.Contains("\"grant_type\":\"refresh_token\"", exchange, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_OAuth_client_secret_fails_in_Zendesks_words()
    {
        await using var host = await ZendeskAdapterHost.StartAsync(Ct, s => s["Crm:Zendesk:OAuthClientSecret"] = "wrong", oauth: true);

        var refused = await Assert.ThrowsAsync<CrmRequestFailedException>(() =>
            host.Adapter.Contacts.ResolveAsync(Query("Nobody", create: false, Email("nobody@example.com")), Ct));

        Assert.Equal(401, refused.StatusCode);
        Assert.Equal("invalid_client", refused.ErrorCode);
        Assert.Equal(0, host.Fake.ApiRequestCount);
    }
}
