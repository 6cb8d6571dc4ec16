using Connector.Core.Crm;
using Connector.Fakes.Crm.Salesforce;
using Connector.Salesforce.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.Salesforce.Tests;

public sealed class SalesforceAuthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_JWT_bearer_flow_signs_in_once_and_the_session_is_reused()
    {
        await using var host = await SalesforceAdapterHost.StartAsync(Ct);
        var resolver = host.Services.GetRequiredService<ICrmContactResolver>();

        await resolver.ResolveAsync(Query(null, create: false, Email("a@example.com")), Ct);
        await resolver.ResolveAsync(Query(null, create: false, Email("b@example.com")), Ct);

        Assert.Equal(1, host.Fake.TokenRequestCount);
        var token = host.Fake.Requests.Single(r => r.Kind == FakeSalesforceRequestKind.Token);
        Assert.Equal(200, token.StatusCode);
        Assert.Contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer", System.Text.Encoding.UTF8.GetString(token.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_JWT_signed_with_a_key_the_app_does_not_know_is_refused_for_good()
    {
        using var stranger = FakeSalesforceCertificate.Create("CN=stranger");
        var strangerKey = stranger.WritePrivateKeyFile();
        try
        {
            await using var host = await SalesforceAdapterHost.StartAsync(Ct, settings => settings["Crm:Salesforce:PrivateKeyPath"] = strangerKey);
            var resolver = host.Services.GetRequiredService<ICrmContactResolver>();

            var refused = await Assert.ThrowsAsync<CrmRequestFailedException>(() => resolver.ResolveAsync(Query(null, false, Email("a@example.com")), Ct));

            Assert.Equal("invalid_grant", refused.ErrorCode);
            Assert.False(refused.Transient);
            Assert.Equal(0, host.Fake.ApiRequestCount - host.Fake.Requests.Count(r => r.Kind == FakeSalesforceRequestKind.Token && r.IsApiCall));
        }
        finally
        {
            File.Delete(strangerKey);
        }
    }

    [Fact]
    public async Task A_JWT_for_the_wrong_audience_is_refused()
    {
        await using var host = await SalesforceAdapterHost.StartAsync(Ct, settings => settings["Crm:Salesforce:JwtAudience"] = "https://test.salesforce.com");
        var resolver = host.Services.GetRequiredService<ICrmContactResolver>();

        var refused = await Assert.ThrowsAsync<CrmRequestFailedException>(() => resolver.ResolveAsync(Query(null, false, Email("a@example.com")), Ct));

        Assert.Contains("audience", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_client_credentials_flow_signs_in_with_the_consumer_secret()
    {
        await using var host = await SalesforceAdapterHost.StartAsync(Ct, settings =>
        {
            settings["Crm:Salesforce:PrivateKeyPath"] = null;
            settings["Crm:Salesforce:ClientSecret"] = new FakeSalesforceOptions().ClientSecret;
        });
        var resolver = host.Services.GetRequiredService<ICrmContactResolver>();

        var resolution = await resolver.ResolveAsync(Query(null, false, Email("a@example.com")), Ct);

        Assert.Equal(CrmContactResolutionKind.NotFound, resolution.Kind);
        Assert.Contains("grant_type=client_credentials", System.Text.Encoding.UTF8.GetString(host.Fake.Requests.Single(r => r.Kind == FakeSalesforceRequestKind.Token).Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_refused_twice_is_not_retried_forever()
    {
        await using var host = await SalesforceAdapterHost.StartAsync(Ct);
        var resolver = host.Services.GetRequiredService<ICrmContactResolver>();
        await resolver.ResolveAsync(Query(null, false, Email("a@example.com")), Ct);
        host.Fake.FailNext(2, FakeSalesforceResponse.Error(401, "INVALID_SESSION_ID", "Session expired or invalid"));

        var refused = await Assert.ThrowsAsync<CrmRequestFailedException>(() => resolver.ResolveAsync(Query(null, false, Email("b@example.com")), Ct));

        Assert.Equal(401, refused.StatusCode);
        Assert.Equal("INVALID_SESSION_ID", refused.ErrorCode);
        Assert.Equal(2, host.Fake.TokenRequestCount);
    }
}
