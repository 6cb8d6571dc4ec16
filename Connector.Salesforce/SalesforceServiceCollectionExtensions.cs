using Connector.Core.Compliance;
using Connector.Core.Configuration;
using Connector.Core.Crm;
using Connector.Core.Customers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connector.Salesforce;

public static class SalesforceServiceCollectionExtensions
{
    /// <summary>
    /// The adapter's one statement of what it can do beyond the required ports (its name in <c>crm_links</c>, and
    /// the capabilities from which the Worker decides which optional ports it uses).
    /// </summary>
    public static CrmAdapterDescriptor Descriptor { get; } =
        new("salesforce", CrmCapabilities.Batch | CrmCapabilities.Cases | CrmCapabilities.BinaryAttachments);

    /// <summary>
    /// Binds and checks <c>Crm:Salesforce</c> at start and registers the CRM ports, the typed client (resilience
    /// outside, authentication inside, so every attempt carries a current token) and the adapter descriptor.
    /// The Worker calls it through its CRM adapter registry when <c>Crm:Provider=Salesforce</c>.
    /// </summary>
    public static IServiceCollection AddSalesforceAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<SalesforceOptions, SalesforceOptionsValidator>(configuration, SalesforceOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SensitiveDataRedactor>();
        // Stored phones are read in Identity:DefaultRegion unless Crm:Salesforce:DefaultRegion says otherwise.
        services.TryAddSingleton<IdentityNormalizer>();
        services.AddMetrics();
        services.TryAddSingleton<SalesforceMetrics>();
        services.TryAddSingleton<SalesforceTokenCache>();
        services.TryAddTransient<SalesforceAuthHandler>();

        services.AddHttpClient(SalesforceTokenCache.HttpClientName).AddStandardResilienceHandler();
        // The pipeline's timeouts govern (large recordings take minutes), not HttpClient's 100 seconds.
        var api = services.AddHttpClient<SalesforceClient>(http => http.Timeout = Timeout.InfiniteTimeSpan);
        api.AddStandardResilienceHandler(SalesforceResilience.Configure);
        api.AddHttpMessageHandler<SalesforceAuthHandler>();

        services.TryAddTransient<ICrmContactResolver, SalesforceContactResolver>();
        services.TryAddTransient<ICrmActivityWriter, SalesforceActivityWriter>();
        services.TryAddTransient<ICrmAttachmentWriter, SalesforceAttachmentWriter>();
        services.TryAddTransient<ICrmCaseWriter, SalesforceCaseWriter>();
        services.TryAddTransient<SalesforceInteractionWriter>();
        services.TryAddTransient<ICrmInteractionWriter>(sp => sp.GetRequiredService<SalesforceInteractionWriter>());
        services.TryAddTransient<ICrmRecordLinks, SalesforceRecordLinks>();
        services.TryAddTransient<ICrmHealthProbe, SalesforceHealthProbe>();
        services.TryAddSingleton(Descriptor);
        return services;
    }
}
