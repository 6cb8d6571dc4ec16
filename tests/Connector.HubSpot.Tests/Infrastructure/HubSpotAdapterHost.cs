using Connector.Core;
using Connector.Core.Crm;
using Connector.Crm.Contract;
using Connector.Fakes.Crm.HubSpot;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.HubSpot.Tests.Infrastructure;

/// <summary>
/// The fake account plus the adapter built exactly as the Worker builds it (the Worker's own sections, then
/// <c>AddHubSpotAdapter</c> over the configuration the fake hands out), signing in with OAuth unless a test changes
/// the settings. <c>Identity:DefaultRegion</c> is <c>GB</c> and the adapter has no region of its own.
/// </summary>
public sealed class HubSpotAdapterHost : IAsyncDisposable
{
    private HubSpotAdapterHost(FakeHubSpotServer fake, ServiceProvider services)
    {
        Fake = fake;
        Services = services;
    }

    public FakeHubSpotServer Fake { get; }

    public ServiceProvider Services { get; }

    public CrmAdapterUnderTest Adapter => new(
        Services.GetRequiredService<ICrmContactResolver>(),
        Services.GetRequiredService<ICrmActivityWriter>(),
        Services.GetRequiredService<ICrmAttachmentWriter>(),
        Services.GetRequiredService<ICrmCaseWriter>(),
        Services.GetRequiredService<ICrmInteractionWriter>(),
        Services.GetRequiredService<CrmAdapterDescriptor>());

    public static async Task<HubSpotAdapterHost> StartAsync(
        CancellationToken ct, Action<Dictionary<string, string?>>? configure = null, FakeHubSpotOptions? fakeOptions = null, Action<IServiceCollection>? services = null)
    {
        var fake = await FakeHubSpotServer.StartAsync(fakeOptions, ct);
        var settings = new Dictionary<string, string?>(fake.ConnectorSettings())
        {
            ["Identity:DefaultRegion"] = "GB",
        };
        configure?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection().AddLogging();
        services?.Invoke(collection);
        var provider = collection.AddConnectorCore(configuration).AddHubSpotAdapter(configuration).BuildServiceProvider(validateScopes: true);
        return new HubSpotAdapterHost(fake, provider);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
