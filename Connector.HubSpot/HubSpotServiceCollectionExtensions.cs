using Connector.Core.Compliance;
using Connector.Core.Configuration;
using Connector.Core.Crm;
using Connector.Core.Customers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connector.HubSpot;

public static class HubSpotServiceCollectionExtensions
{
    /// <summary>
    /// The adapter's one statement of what it can do beyond the required ports (its name in <c>crm_links</c>, and
    /// the capabilities from which the Worker decides which optional ports it uses).
    /// </summary>
    public static CrmAdapterDescriptor Descriptor { get; } =
        new("hubspot", CrmCapabilities.Batch | CrmCapabilities.Cases | CrmCapabilities.BinaryAttachments);

    /// <summary>
    /// Binds and checks <c>Crm:HubSpot</c> at start and registers the CRM ports, the typed client (resilience
    /// outside, then authentication, then pacing innermost, so every attempt carries a current token and waits for
    /// room in HubSpot's rolling window) and the adapter descriptor. The Worker calls it through its CRM adapter
    /// registry when <c>Crm:Provider=HubSpot</c>.
    /// </summary>
    public static IServiceCollection AddHubSpotAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<HubSpotOptions, HubSpotOptionsValidator>(configuration, HubSpotOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SensitiveDataRedactor>();
        // Stored phones are read in Identity:DefaultRegion unless Crm:HubSpot:DefaultRegion says otherwise.
        services.TryAddSingleton<IdentityNormalizer>();
        services.AddMetrics();
        services.TryAddSingleton<HubSpotMetrics>();
        services.TryAddSingleton<HubSpotTokenCache>();
        services.TryAddSingleton<HubSpotPacer>();
        services.TryAddTransient<HubSpotAuthHandler>();
        services.TryAddTransient<HubSpotPacingHandler>();

        services.AddHttpClient(HubSpotTokenCache.HttpClientName).AddStandardResilienceHandler();
        // The pipeline's timeouts govern (large recordings take minutes), not HttpClient's 100 seconds.
        var api = services.AddHttpClient<HubSpotClient>(http => http.Timeout = Timeout.InfiniteTimeSpan);
        api.AddStandardResilienceHandler(HubSpotResilience.Configure);
        api.AddHttpMessageHandler<HubSpotAuthHandler>();
        api.AddHttpMessageHandler<HubSpotPacingHandler>();

        services.TryAddSingleton<HubSpotCallOutcomes>();
        services.TryAddTransient<HubSpotFiles>();
        services.TryAddTransient<HubSpotUpserts>();
        services.TryAddTransient<ICrmContactResolver, HubSpotContactResolver>();
        services.TryAddTransient<ICrmActivityWriter, HubSpotActivityWriter>();
        services.TryAddTransient<ICrmAttachmentWriter, HubSpotAttachmentWriter>();
        services.TryAddTransient<ICrmCaseWriter, HubSpotCaseWriter>();
        services.TryAddTransient<ICrmInteractionWriter, HubSpotInteractionWriter>();
        services.TryAddTransient<ICrmHealthProbe, HubSpotHealthProbe>();
        services.TryAddSingleton(Descriptor);
        return services;
    }
}
