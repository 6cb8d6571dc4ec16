using Connector.Core;
using Connector.Core.Crm;
using Connector.Crm.Contract;
using Connector.Fakes.Crm.Zendesk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Zendesk.Tests.Infrastructure;

/// <summary>
/// The fake account plus the adapter built exactly as the Worker builds it (the Worker's own sections, then
/// <c>AddZendeskAdapter</c> over the configuration the fake hands out), with the API token unless <c>oauth</c>.
/// <c>Identity:DefaultRegion</c> is <c>GB</c> and the adapter has no region of its own.
/// </summary>
public sealed class ZendeskAdapterHost : IAsyncDisposable
{
    private ZendeskAdapterHost(FakeZendeskServer fake, ServiceProvider services)
    {
        Fake = fake;
        Services = services;
    }

    public FakeZendeskServer Fake { get; }

    public ServiceProvider Services { get; }

    public CrmAdapterUnderTest Adapter => new(
        Services.GetRequiredService<ICrmContactResolver>(),
        Services.GetRequiredService<ICrmActivityWriter>(),
        Services.GetRequiredService<ICrmAttachmentWriter>(),
        Services.GetRequiredService<ICrmCaseWriter>(),
        Services.GetRequiredService<ICrmInteractionWriter>(),
        Services.GetRequiredService<CrmAdapterDescriptor>());

    public static async Task<ZendeskAdapterHost> StartAsync(
        CancellationToken ct, Action<Dictionary<string, string?>>? configure = null, bool oauth = false, FakeZendeskOptions? fakeOptions = null,
        Action<IServiceCollection>? worker = null)
    {
        var fake = await FakeZendeskServer.StartAsync(fakeOptions, ct);
        var settings = new Dictionary<string, string?>(fake.ConnectorSettings(oauth))
        {
            ["Identity:DefaultRegion"] = "GB",
        };
        configure?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection().AddLogging().AddConnectorCore(configuration);
        worker?.Invoke(collection); // what the Worker adds beside the adapter (a recording link issuer)
        var services = collection.AddZendeskAdapter(configuration).BuildServiceProvider(validateScopes: true);
        return new ZendeskAdapterHost(fake, services);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
