using Connector.Core.Compliance;
using Connector.Core.Crm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connector.Salesforce;

public static class SalesforceServiceCollectionExtensions
{
    /// <summary>What this adapter can do beyond the required ports.</summary>
    public const CrmCapabilities Capabilities =
        CrmCapabilities.Batch | CrmCapabilities.Cases | CrmCapabilities.BinaryAttachments | CrmCapabilities.Leads | CrmCapabilities.ScreenPop;

    /// <summary>
    /// Binds and checks <c>Crm:Salesforce</c> at start and registers the CRM ports, the typed client (resilience
    /// outside, authentication inside, so every attempt carries a current token) and the adapter descriptor.
    /// </summary>
    public static IServiceCollection AddSalesforceConnector(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SalesforceOptions>().Bind(configuration.GetSection(SalesforceOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SalesforceOptions>, SalesforceOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SensitiveDataRedactor>();
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
        services.TryAddTransient<ICrmScreenPop, SalesforceScreenPop>();
        services.TryAddSingleton(new CrmAdapterDescriptor("salesforce", Capabilities));
        return services;
    }
}
