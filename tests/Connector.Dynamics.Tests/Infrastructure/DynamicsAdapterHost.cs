using Connector.Core;
using Connector.Core.Crm;
using Connector.Crm.Contract;
using Connector.Fakes.Crm.Dynamics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Dynamics.Tests.Infrastructure;

/// <summary>
/// The fake environment plus the adapter built exactly as the Worker builds it (the Worker's own sections, then
/// <c>AddDynamicsAdapter</c> over the configuration the fake hands out), signing in with the client secret unless a
/// test changes the settings. <c>Identity:DefaultRegion</c> is <c>GB</c> and the adapter has no region of its own.
/// </summary>
public sealed class DynamicsAdapterHost : IAsyncDisposable
{
    private DynamicsAdapterHost(FakeDynamicsServer fake, ServiceProvider services)
    {
        Fake = fake;
        Services = services;
    }

    public FakeDynamicsServer Fake { get; }

    public ServiceProvider Services { get; }

    public CrmAdapterUnderTest Adapter => new(
        Services.GetRequiredService<ICrmContactResolver>(),
        Services.GetRequiredService<ICrmActivityWriter>(),
        Services.GetRequiredService<ICrmAttachmentWriter>(),
        Services.GetRequiredService<ICrmCaseWriter>(),
        Services.GetRequiredService<ICrmInteractionWriter>(),
        Services.GetRequiredService<CrmAdapterDescriptor>());

    public static async Task<DynamicsAdapterHost> StartAsync(
        CancellationToken ct, Action<Dictionary<string, string?>>? configure = null, FakeDynamicsOptions? fakeOptions = null, TimeProvider? clock = null)
    {
        var fake = await FakeDynamicsServer.StartAsync(fakeOptions, ct);
        var settings = new Dictionary<string, string?>(fake.ConnectorSettings())
        {
            ["Identity:DefaultRegion"] = "GB",
        };
        configure?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection();
        if (clock is not null)
        {
            collection.AddSingleton(clock);
        }

        var services = collection.AddLogging().AddConnectorCore(configuration).AddDynamicsAdapter(configuration).BuildServiceProvider(validateScopes: true);
        return new DynamicsAdapterHost(fake, services);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
