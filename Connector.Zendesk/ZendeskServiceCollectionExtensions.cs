using Connector.Core.Compliance;
using Connector.Core.Configuration;
using Connector.Core.Crm;
using Connector.Core.Customers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connector.Zendesk;

public static class ZendeskServiceCollectionExtensions
{
    /// <summary>
    /// The adapter's one statement of what it can do beyond the required ports (its name in <c>crm_links</c>, and
    /// the capabilities from which the Worker decides which optional ports it uses).
    /// </summary>
    public static CrmAdapterDescriptor Descriptor { get; } =
        new("zendesk", CrmCapabilities.Batch | CrmCapabilities.Cases | CrmCapabilities.BinaryAttachments);

    /// <summary>
    /// Binds and checks <c>Crm:Zendesk</c> at start and registers the CRM ports, the typed client (resilience
    /// outside, authentication inside, so every attempt carries current credentials) and the adapter descriptor.
    /// The Worker calls it through its CRM adapter registry when <c>Crm:Provider=Zendesk</c>.
    /// </summary>
    public static IServiceCollection AddZendeskAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<ZendeskOptions, ZendeskOptionsValidator>(configuration, ZendeskOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SensitiveDataRedactor>();
        // Stored phones are read in Identity:DefaultRegion unless Crm:Zendesk:DefaultRegion says otherwise.
        services.TryAddSingleton<IdentityNormalizer>();
        services.AddMetrics();
        services.TryAddSingleton<ZendeskMetrics>();
        services.TryAddSingleton<ZendeskCredentials>();
        services.TryAddTransient<ZendeskAuthHandler>();

        services.AddHttpClient(ZendeskCredentials.HttpClientName).AddStandardResilienceHandler();
        // The pipeline's timeouts govern (large recordings take minutes), not HttpClient's 100 seconds.
        var api = services.AddHttpClient<ZendeskClient>((sp, http) =>
        {
            http.BaseAddress = sp.GetRequiredService<IOptions<ZendeskOptions>>().Value.AccountUrl;
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        api.AddStandardResilienceHandler(ZendeskResilience.Configure);
        api.AddHttpMessageHandler<ZendeskAuthHandler>();

        services.TryAddTransient<ZendeskConversationTickets>();
        services.TryAddTransient<ZendeskUploads>();
        services.TryAddTransient<ICrmContactResolver, ZendeskContactResolver>();
        services.TryAddTransient<ICrmActivityWriter, ZendeskActivityWriter>();
        services.TryAddTransient<ICrmAttachmentWriter, ZendeskAttachmentWriter>();
        services.TryAddTransient<ICrmCaseWriter, ZendeskCaseWriter>();
        services.TryAddTransient<ICrmInteractionWriter, ZendeskInteractionWriter>();
        services.TryAddTransient<ICrmRecordLinks, ZendeskRecordLinks>();
        services.TryAddTransient<ICrmHealthProbe, ZendeskHealthProbe>();
        services.TryAddTransient<ICrmScreenPop, ZendeskScreenPop>();
        // The agent display exists only on accounts with Talk Partner Edition: without it the capability is not declared.
        services.TryAddSingleton(configuration.GetValue<bool>($"{ZendeskOptions.Section}:{nameof(ZendeskOptions.TalkPartnerEdition)}")
            ? Descriptor with { Capabilities = Descriptor.Capabilities | CrmCapabilities.ScreenPop }
            : Descriptor);
        return services;
    }
}
