using Connector.Core.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connector.Worker.Acs;

public static class AcsServiceCollectionExtensions
{
    /// <summary>
    /// Binds and checks <c>Acs</c> at start and registers the typed ACS clients. Without <c>Acs:ConnectionString</c>
    /// the Worker still starts; the clients then throw a clear error when used.
    /// </summary>
    public static IServiceCollection AddAcsClients(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<AcsOptions, AcsOptionsValidator>(configuration, AcsOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AcsConnection>();
        services.TryAddTransient<AcsHmacHandler>();
        services.TryAddSingleton<AcsFileHosts>();

        AddSigned(services.AddHttpClient<AcsIdentityClient>());
        // Media downloads stop at a limit: a cut-off response drops its connection rather than being read to the end.
        AddSigned(services.AddHttpClient<AcsMessagesClient>().ConfigurePrimaryHttpMessageHandler(AcsFileCopy.Handler));
        AddSigned(services.AddHttpClient<AcsEmailClient>());
        // Chat authenticates as an ACS user (Bearer), never with the resource key.
        services.AddHttpClient<AcsChatClient>().AddStandardResilienceHandler(AcsResilience.Configure);
        return services;
    }

    /// <summary>Resilience outside, signing inside: every attempt is signed with its own date.</summary>
    private static void AddSigned(IHttpClientBuilder client)
    {
        client.AddStandardResilienceHandler(AcsResilience.Configure);
        client.AddHttpMessageHandler<AcsHmacHandler>();
    }
}
