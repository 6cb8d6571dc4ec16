using Connector.Core.Compliance;
using Connector.Core.Configuration;
using Connector.Core.Crm;
using Connector.Core.Customers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Connector.Dynamics;

public static class DynamicsServiceCollectionExtensions
{
    /// <summary>
    /// The adapter's one statement of what it can do beyond the required ports (its name in <c>crm_links</c>, and
    /// the capabilities from which the Worker decides which optional ports it uses).
    /// </summary>
    public static CrmAdapterDescriptor Descriptor { get; } =
        new("dynamics", CrmCapabilities.Batch | CrmCapabilities.Cases | CrmCapabilities.BinaryAttachments);

    /// <summary>
    /// Binds and checks <c>Crm:Dynamics</c> at start and registers the CRM ports, the typed client (resilience outside,
    /// authentication inside, so every attempt carries a current token) and the adapter descriptor. The Worker calls
    /// it through its CRM adapter registry when <c>Crm:Provider=Dynamics</c>.
    /// </summary>
    public static IServiceCollection AddDynamicsAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<DynamicsOptions, DynamicsOptionsValidator>(configuration, DynamicsOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SensitiveDataRedactor>();
        // Stored phones are read in Identity:DefaultRegion unless Crm:Dynamics:DefaultRegion says otherwise.
        services.TryAddSingleton<IdentityNormalizer>();
        services.AddMetrics();
        services.TryAddSingleton<DynamicsMetrics>();
        services.TryAddSingleton<DynamicsTokenCache>();
        services.TryAddTransient<DynamicsAuthHandler>();

        services.AddHttpClient(DynamicsTokenCache.HttpClientName).AddStandardResilienceHandler();
        // The pipeline's timeouts govern (block uploads of large recordings take minutes), not HttpClient's 100 seconds.
        var api = services.AddHttpClient<DynamicsClient>(http => http.Timeout = Timeout.InfiniteTimeSpan);
        api.AddStandardResilienceHandler().Configure((pipeline, provider) =>
            new DynamicsResilience(provider.GetRequiredService<IOptions<DynamicsOptions>>()).Configure(pipeline));
        api.AddHttpMessageHandler<DynamicsAuthHandler>();

        services.TryAddTransient<ICrmContactResolver, DynamicsContactResolver>();
        services.TryAddTransient<ICrmActivityWriter, DynamicsActivityWriter>();
        services.TryAddTransient<ICrmAttachmentWriter, DynamicsAttachmentWriter>();
        services.TryAddTransient<ICrmCaseWriter, DynamicsCaseWriter>();
        services.TryAddTransient<ICrmInteractionWriter, DynamicsInteractionWriter>();
        services.TryAddTransient<ICrmRecordLinks, DynamicsRecordLinks>();
        services.TryAddTransient<ICrmHealthProbe, DynamicsHealthProbe>();
        services.TryAddSingleton(Descriptor);
        return services;
    }
}
