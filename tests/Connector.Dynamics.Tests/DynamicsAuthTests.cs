using System.Security.Cryptography.X509Certificates;
using System.Text;
using Connector.Core.Crm;
using Connector.Dynamics.Tests.Infrastructure;
using Connector.Fakes.Crm.Dynamics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.Dynamics.Tests;

/// <summary>Entra ID client credentials against the fake token endpoint: secret, certificate, token reuse, refusals.</summary>
public sealed class DynamicsAuthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_client_secret_flow_asks_for_the_environments_default_scope_once_and_the_token_is_reused()
    {
        await using var host = await DynamicsAdapterHost.StartAsync(Ct);
        var resolver = host.Services.GetRequiredService<ICrmContactResolver>();

        await resolver.ResolveAsync(Query(null, create: false, Email("a@example.com")), Ct);
        await resolver.ResolveAsync(Query(null, create: false, Email("b@example.com")), Ct);

        var token = Assert.Single(host.Fake.Requests, r => r.IsToken);
        Assert.Equal(200, token.StatusCode);
        Assert.Equal($"/{host.Fake.Options.TenantId}/oauth2/v2.0/token", token.Path);
        var form = Encoding.UTF8.GetString(token.Body);
        Assert.Contains("grant_type=client_credentials", form, StringComparison.Ordinal);
        Assert.Contains($"scope={Uri.EscapeDataString(host.Fake.BaseUrl.GetLeftPart(UriPartial.Authority) + "/.default")}", form, StringComparison.Ordinal);
        Assert.All(host.Fake.Requests.Where(r => !r.IsToken), r => Assert.Equal("4.0", r.Headers["OData-Version"]));
        // What Dataverse reports of the service-protection allowance is kept for the gauge.
        Assert.Equal(6000 - host.Fake.ApiRequestCount, host.Services.GetRequiredService<DynamicsMetrics>().BurstRemaining);
    }

    [Fact]
    public async Task A_token_is_asked_for_again_five_minutes_before_it_expires_without_waiting_for_a_401()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await DynamicsAdapterHost.StartAsync(Ct, fakeOptions: new FakeDynamicsOptions { TokenLifetimeSeconds = 3600 }, clock: clock);
        var query = Query(null, create: false, Email("a@example.com"));

        await host.Adapter.Contacts.ResolveAsync(query, Ct);
        clock.Advance(TimeSpan.FromMinutes(54));
        await host.Adapter.Contacts.ResolveAsync(query, Ct);
        var beforeRefresh = host.Fake.TokenRequestCount;
        clock.Advance(TimeSpan.FromMinutes(2));
        await host.Adapter.Contacts.ResolveAsync(query, Ct);

        Assert.Equal(1, beforeRefresh);
        Assert.Equal(2, host.Fake.TokenRequestCount);
        Assert.DoesNotContain(host.Fake.Requests, r => r.StatusCode == 401);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_for_good_with_Entra_IDs_code_and_the_secret_is_not_in_the_message()
    {
        await using var host = await DynamicsAdapterHost.StartAsync(Ct, settings => settings["Crm:Dynamics:ClientSecret"] = "not-the-secret");
        var resolver = host.Services.GetRequiredService<ICrmContactResolver>();

        var refused = await Assert.ThrowsAsync<CrmRequestFailedException>(() => resolver.ResolveAsync(Query(null, false, Email("a@example.com")), Ct));

        Assert.Equal("invalid_client", refused.ErrorCode);
        Assert.Contains("AADSTS7000215", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret", refused.Message, StringComparison.Ordinal);
        Assert.False(refused.Transient);
        Assert.Equal(0, host.Fake.ApiRequestCount);
    }

    [Fact]
    public async Task The_certificate_flow_signs_a_client_assertion_that_the_token_endpoint_verifies()
    {
        using var certificate = FakeDynamicsEntraId.CreateCertificate();
        var pem = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(pem, certificate.ExportCertificatePem() + "\n" + certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem(), Ct);
            await using var host = await DynamicsAdapterHost.StartAsync(Ct, settings =>
            {
                settings["Crm:Dynamics:ClientSecret"] = null;
                settings["Crm:Dynamics:CertificatePath"] = pem;
            }, new FakeDynamicsOptions { Certificate = certificate });

            var resolution = await host.Adapter.Contacts.ResolveAsync(Query(null, false, Email("a@example.com")), Ct);

            Assert.Equal(CrmContactResolutionKind.NotFound, resolution.Kind);
            var form = Encoding.UTF8.GetString(Assert.Single(host.Fake.Requests, r => r.IsToken && r.StatusCode == 200).Body);
            Assert.Contains("client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer", form, StringComparison.Ordinal);
            Assert.DoesNotContain("client_secret", form, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pem);
        }
    }

    [Fact]
    public async Task A_certificate_the_app_registration_does_not_know_is_refused()
    {
        using var registered = FakeDynamicsEntraId.CreateCertificate();
        using var stranger = FakeDynamicsEntraId.CreateCertificate("CN=stranger");
        var pem = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(pem, stranger.ExportCertificatePem() + "\n" + stranger.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem(), Ct);
            await using var host = await DynamicsAdapterHost.StartAsync(Ct, settings =>
            {
                settings["Crm:Dynamics:ClientSecret"] = null;
                settings["Crm:Dynamics:CertificatePath"] = pem;
            }, new FakeDynamicsOptions { Certificate = registered });

            var refused = await Assert.ThrowsAsync<CrmRequestFailedException>(() => host.Adapter.Contacts.ResolveAsync(Query(null, false, Email("a@example.com")), Ct));

            Assert.Contains("AADSTS700027", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pem);
        }
    }

    [Fact]
    public async Task A_configured_CallerObjectId_travels_on_every_request_inside_a_batch_too()
    {
        var agent = Guid.NewGuid();
        await using var host = await DynamicsAdapterHost.StartAsync(Ct, settings => settings["Crm:Dynamics:CallerObjectId"] = agent.ToString());
        host.Fake.SeedContact("Joan", "Clarke", null, "joan@example.com");
        var contact = (await host.Adapter.Contacts.ResolveAsync(Query(null, false, Email("joan@example.com")), Ct)).Contact!;

        await host.Adapter.Interactions.WriteInteractionAsync(Interaction("conv-1", contact, null), Ct);

        Assert.All(host.Fake.Requests.Where(r => !r.IsToken), r => Assert.Equal(agent.ToString("D"), r.Headers["CallerObjectId"]));
        Assert.All(host.Fake.Batches.SelectMany(b => b), p => Assert.Equal(agent.ToString("D"), p.Headers["CallerObjectId"]));
    }
}
